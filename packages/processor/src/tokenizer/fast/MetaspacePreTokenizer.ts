import type { AlignedString } from './AlignedString.js';

export type PrependScheme = 'always' | 'first' | 'never';

/**
 * `tokenizers`' Metaspace pre-tokenizer: spaces become the replacement character, a replacement is
 * prepended per segment (`always`, or `first` only for the segment at the very start of the input),
 * and with `split` the segment is cut before every replacement character (MergedWithNext).
 */
export class MetaspacePreTokenizer {
  constructor(
    readonly replacement: string,
    readonly prependScheme: PrependScheme,
    readonly split: boolean,
  ) {}

  preTokenize(segment: string, startsInput: boolean): string[] {
    const rep = this.replacement;
    let s = segment.split(' ').join(rep);
    if (s.length > 0 && !s.startsWith(rep)) {
      if (this.prependScheme === 'always' || (this.prependScheme === 'first' && startsInput)) s = rep + s;
    }
    if (!this.split) return s.length > 0 ? [s] : [];
    const words: string[] = [];
    let start = 0;
    let i = s.indexOf(rep, 1);
    while (i !== -1) {
      words.push(s.slice(start, i));
      start = i;
      i = s.indexOf(rep, i + rep.length);
    }
    if (start < s.length) words.push(s.slice(start));
    return words.filter((w) => w.length > 0);
  }

  /**
   * `preTokenize` with alignments, as Rust edits the `NormalizedString`: each replacement takes its space's
   * alignment, a prepended one the first character's; the words are slices.
   */
  preTokenizeAligned(segment: AlignedString, startsInput: boolean): AlignedString[] {
    const rep = this.replacement;
    const spaces: Array<readonly [number, number]> = [];
    for (let i = segment.text.indexOf(' '); i !== -1; i = segment.text.indexOf(' ', i + 1)) spaces.push([i, i + 1]);
    let s = spaces.length > 0 ? segment.replaceMatches(spaces, rep) : segment;
    if (s.length > 0 && !s.text.startsWith(rep)) {
      if (this.prependScheme === 'always' || (this.prependScheme === 'first' && startsInput)) s = s.prepend(rep);
    }
    if (!this.split) return s.length > 0 ? [s] : [];
    const words: AlignedString[] = [];
    let start = 0;
    for (let i = s.text.indexOf(rep, 1); i !== -1; i = s.text.indexOf(rep, i + rep.length)) {
      if (i > start) words.push(s.slice(start, i));
      start = i;
    }
    if (start < s.length) words.push(s.slice(start, s.length));
    return words;
  }
}
