import { isUnicodeWhitespace } from '../unicode/whitespace.js';
import type { AddedTokenJson } from './TokenizerJson.js';

export interface AddedSplit {
  /** Start of this split in the string that was searched (UTF-16 index). */
  start: number;
  text: string;
  /** Added-token id, or null for ordinary text. */
  id: number | null;
}

const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;

/**
 * `tokenizers`' `AddedVocabulary::find_matches`: leftmost-longest matching of added tokens, then
 * single_word filtering (regex `\w`), lstrip/rstrip widening over Unicode White_Space.
 */
export class AddedTokenMatcher {
  private readonly byFirstUnit = new Map<number, AddedTokenJson[]>();

  constructor(tokens: readonly AddedTokenJson[]) {
    for (const t of tokens) {
      if (t.content === '') continue;
      const k = t.content.charCodeAt(0);
      const list = this.byFirstUnit.get(k);
      if (list) list.push(t);
      else this.byFirstUnit.set(k, [t]);
    }
    // Sorted once (stable: equal lengths keep their order), not after every insertion.
    for (const list of this.byFirstUnit.values()) list.sort((a, b) => b.content.length - a.content.length);
  }

  get empty(): boolean {
    return this.byFirstUnit.size === 0;
  }

  split(sentence: string): AddedSplit[] {
    if (sentence.length === 0 || this.empty) return [{ start: 0, text: sentence, id: null }];
    const splits: AddedSplit[] = [];
    let startOffset = 0;
    let i = 0;
    while (i < sentence.length) {
      const match = this.longestAt(sentence, i);
      if (!match) {
        i++;
        continue;
      }
      let start = i;
      let stop = i + match.content.length;
      i = stop;
      if (match.single_word) {
        const startSpace = start === 0 || !endsWithWord(sentence.slice(0, start));
        const stopSpace = stop === sentence.length || !startsWithWord(sentence.slice(stop));
        if (!startSpace || !stopSpace) continue;
      }
      if (match.lstrip) {
        let s = start;
        while (s > 0 && isUnicodeWhitespace(sentence.charCodeAt(s - 1))) s--;
        start = Math.max(s, startOffset);
      }
      if (match.rstrip) {
        while (stop < sentence.length && isUnicodeWhitespace(sentence.charCodeAt(stop))) stop++;
      }
      if (startOffset < start) splits.push({ start: startOffset, text: sentence.slice(startOffset, start), id: null });
      splits.push({ start, text: sentence.slice(start, stop), id: match.id });
      startOffset = stop;
    }
    if (startOffset !== sentence.length) splits.push({ start: startOffset, text: sentence.slice(startOffset), id: null });
    return splits;
  }

  private longestAt(s: string, i: number): AddedTokenJson | undefined {
    const list = this.byFirstUnit.get(s.charCodeAt(i));
    return list?.find((t) => s.startsWith(t.content, i));
  }
}

function endsWithWord(s: string): boolean {
  const last = [...s.slice(-2)].pop();
  return last !== undefined && WORD_CHAR.test(last);
}

function startsWithWord(s: string): boolean {
  const first = s.codePointAt(0);
  return first !== undefined && WORD_CHAR.test(String.fromCodePoint(first));
}
