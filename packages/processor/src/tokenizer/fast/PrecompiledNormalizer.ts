import type { PrecompiledCharsmap } from '../normalizer/PrecompiledCharsmap.js';
import { forEachGrapheme } from '../unicode/graphemes.js';
import { utf8Decode, utf8Encode } from '../unicode/utf8.js';

/**
 * Hugging Face `tokenizers`' `Precompiled` normalizer, which applies the SentencePiece charsmap
 * differently from sentencepiece itself: per extended grapheme cluster, a cluster under 6 UTF-8
 * bytes is replaced WHOLE by the rule of its SHORTEST matching prefix; otherwise each character is
 * looked up alone. This is why the fast tokenizer differs from the slow one on some combining
 * sequences (e.g. decomposed Hangul jamo).
 */
export class PrecompiledNormalizer {
  private readonly cache = new Map<string, string>();
  private readonly replacementText = new Map<number, string>();
  /**
   * Per code point, whether it is a cluster of its own that the charsmap leaves unchanged (1) or
   * not (2); 0 = not looked up yet. Allocated on first use.
   */
  private unchanged: Uint8Array | null = null;

  constructor(private readonly charsmap: PrecompiledCharsmap) {}

  normalize(text: string): string {
    // One pass over the clusters. Runs of clusters the charsmap leaves as they are (most text) are
    // copied as one slice; the pieces are joined once at the end.
    if (this.unchanged === null) this.unchanged = new Uint8Array(0x110000);
    const unchanged = this.unchanged;
    const parts: string[] = [];
    let copyFrom = 0;
    forEachGrapheme(text, (start, end) => {
      const width = end - start;
      if (width <= 2) {
        const cp = text.codePointAt(start)!;
        if (width === (cp > 0xffff ? 2 : 1)) {
          let u = unchanged[cp];
          if (u === 0) {
            const c = text.slice(start, end);
            u = this.grapheme(c) === c ? 1 : 2;
            unchanged[cp] = u;
          }
          if (u === 1) return;
        }
      }
      if (copyFrom < start) parts.push(text.slice(copyFrom, start));
      parts.push(this.grapheme(text.slice(start, end)));
      copyFrom = end;
    });
    if (copyFrom === 0) return text;
    if (copyFrom < text.length) parts.push(text.slice(copyFrom));
    return parts.join('');
  }

  /**
   * Rust `Precompiled::normalize`'s list of (character, change) edits for `NormalizedString::transform`, or null when
   * nothing changes (Rust then leaves the alignments as they are). Kept literal, quirks included: a replacement
   * shorter than what it replaces folds the difference into the LAST edit so far (possibly an earlier cluster's,
   * and lost when there is none yet), longer ones mark their last characters as insertions.
   */
  transformations(text: string): Array<[string, number]> | null {
    const out: Array<[string, number]> = [];
    let modified = false;
    const replace = (old: string, next: string) => {
      modified = true;
      const newChars = [...next];
      const diff = newChars.length - [...old].length;
      for (const c of newChars) out.push([c, 0]);
      if (diff > 0) for (let k = out.length - diff; k < out.length; k++) out[k][1] = 1;
      else if (diff < 0 && out.length > 0) out[out.length - 1][1] += diff;
    };
    forEachGrapheme(text, (start, end) => {
      const g = text.slice(start, end);
      const bytes = utf8Encode(g);
      if (bytes.length < 6) {
        const norm = this.transform(bytes);
        if (norm !== null) {
          replace(g, norm);
          return;
        }
      }
      for (const c of g) {
        const norm = this.transform(utf8Encode(c));
        if (norm !== null) replace(c, norm);
        else out.push([c, 0]);
      }
    });
    return modified ? out : null;
  }

  private grapheme(g: string): string {
    const cached = this.cache.get(g);
    if (cached !== undefined) return cached;
    let result: string | null = null;
    const bytes = utf8Encode(g);
    if (bytes.length < 6) result = this.transform(bytes);
    if (result === null) {
      result = '';
      for (const c of g) result += this.transform(utf8Encode(c)) ?? c;
    }
    // Bounded: random input must not grow the cache without limit.
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(g, result);
    return result;
  }

  private transform(bytes: Uint8Array): string | null {
    const v = this.charsmap.shortestPrefixValue(bytes, 0, bytes.length);
    if (v < 0) return null;
    let s = this.replacementText.get(v);
    if (s === undefined) {
      s = utf8Decode(this.charsmap.replacement(v));
      this.replacementText.set(v, s);
    }
    return s;
  }
}
