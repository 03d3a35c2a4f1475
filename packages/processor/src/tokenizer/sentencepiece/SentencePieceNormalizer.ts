import type { PrecompiledCharsmap } from '../normalizer/PrecompiledCharsmap.js';
import { validUtf8Length } from '../unicode/utf8.js';
import { ByteBuilder } from './ByteBuilder.js';
import type { NormalizerSpec } from './SentencePieceModelProto.js';
import type { UserSymbolMatcher } from './UserSymbolMatcher.js';

const SPACE_SYMBOL = new Uint8Array([0xe2, 0x96, 0x81]); // U+2581 "▁"
const SPACE = new Uint8Array([0x20]);
const REPLACEMENT_CHAR = new Uint8Array([0xef, 0xbf, 0xbd]);

/**
 * Port of sentencepiece's `normalizer::Normalizer::Normalize` (v0.1.9x): longest-prefix rewrite
 * through the precompiled charsmap, then the whitespace rules of the `NormalizerSpec`. Works on
 * UTF-8 bytes because the charsmap and every length in sentencepiece are byte based.
 */
export class SentencePieceNormalizer {
  constructor(
    private readonly spec: NormalizerSpec,
    private readonly charsmap: PrecompiledCharsmap | null,
    private readonly userSymbols: UserSymbolMatcher | null,
    private readonly treatWhitespaceAsSuffix: boolean,
  ) {}

  normalize(input: Uint8Array): Uint8Array {
    const end = input.length;
    if (end === 0) return input;
    const spec = this.spec;
    let pos = 0;
    const prefix = { bytes: input, start: 0, end: 0, consumed: 0 };

    if (spec.removeExtraWhitespaces) {
      while (pos < end) {
        this.normalizePrefix(input, pos, end, prefix);
        if (!(prefix.end - prefix.start === 1 && prefix.bytes[prefix.start] === 0x20)) break;
        pos += prefix.consumed;
      }
    }
    if (pos === end) return new Uint8Array(0);

    const out = new ByteBuilder(end * 2 + 3);
    const space = spec.escapeWhitespaces ? SPACE_SYMBOL : SPACE;
    if (!this.treatWhitespaceAsSuffix && spec.addDummyPrefix) out.append(space);

    let isPrevSpace = spec.removeExtraWhitespaces;
    while (pos < end) {
      this.normalizePrefix(input, pos, end, prefix);
      let s = prefix.start;
      const e = prefix.end;
      if (isPrevSpace) while (s < e && prefix.bytes[s] === 0x20) s++;
      if (s < e) {
        for (let i = s; i < e; i++) {
          const b = prefix.bytes[i];
          if (spec.escapeWhitespaces && b === 0x20) out.append(SPACE_SYMBOL);
          else out.push(b);
        }
        isPrevSpace = prefix.bytes[e - 1] === 0x20;
      }
      pos += prefix.consumed;
      if (!spec.removeExtraWhitespaces) isPrevSpace = false;
    }

    const result = out;
    if (spec.removeExtraWhitespaces) {
      while (result.endsWith(space)) result.length -= space.length;
    }
    if (this.treatWhitespaceAsSuffix && spec.addDummyPrefix) result.append(space);
    return result.bytes();
  }

  /**
   * `Normalizer::NormalizePrefix`: user-defined symbols pass through untouched, otherwise the
   * longest charsmap rule, otherwise one character (U+FFFD for one malformed byte).
   */
  private normalizePrefix(
    input: Uint8Array,
    pos: number,
    end: number,
    out: { bytes: Uint8Array; start: number; end: number; consumed: number },
  ): void {
    if (this.userSymbols) {
      const len = this.userSymbols.longestPrefix(input, pos, end);
      if (len > 0) {
        out.bytes = input;
        out.start = pos;
        out.end = pos + len;
        out.consumed = len;
        return;
      }
    }
    const match = this.charsmap?.longestPrefix(input, pos, end) ?? null;
    if (match) {
      const rep = this.charsmap!.replacement(match.value);
      out.bytes = rep;
      out.start = 0;
      out.end = rep.length;
      out.consumed = match.length;
      return;
    }
    const len = validUtf8Length(input, pos, end);
    if (len === 0) {
      out.bytes = REPLACEMENT_CHAR;
      out.start = 0;
      out.end = 3;
      out.consumed = 1;
    } else {
      out.bytes = input;
      out.start = pos;
      out.end = pos + len;
      out.consumed = len;
    }
  }
}
