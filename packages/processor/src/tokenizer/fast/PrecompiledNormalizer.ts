import type { PrecompiledCharsmap } from '../normalizer/PrecompiledCharsmap.js';
import { utf8Decode, utf8Encode } from '../unicode/utf8.js';
import { splitGraphemes } from '../unicode/graphemes.js';

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

  constructor(private readonly charsmap: PrecompiledCharsmap) {}

  normalize(text: string): string {
    let out = '';
    for (const g of splitGraphemes(text)) out += this.grapheme(g);
    return out;
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
