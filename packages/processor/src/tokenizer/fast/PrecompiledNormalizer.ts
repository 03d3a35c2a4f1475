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
    if (isAscii(text)) {
      // In ASCII every character is its own grapheme cluster except CR LF (UAX #29 GB3), so the
      // segmenter, the slowest step, can be skipped.
      for (let i = 0; i < text.length; i++) {
        const crlf = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10;
        out += this.grapheme(crlf ? '\r\n' : text[i]);
        if (crlf) i++;
      }
      return out;
    }
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

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
