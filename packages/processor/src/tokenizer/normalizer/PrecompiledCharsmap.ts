import { DoubleArrayTrie } from './DoubleArrayTrie.js';

export class CharsmapFormatError extends Error {
  override name = 'CharsmapFormatError';
}

/**
 * SentencePiece's compiled normalization rules (`NormalizerSpec.precompiled_charsmap`):
 * `[u32 LE trie byte size][darts-clone trie][NUL-separated replacement strings]`. Trie keys are
 * UTF-8 source sequences; each value is the byte offset of its replacement in the string pool.
 */
export class PrecompiledCharsmap {
  private readonly trie: DoubleArrayTrie;
  private readonly pool: Uint8Array;
  private readonly replacements = new Map<number, Uint8Array>();

  constructor(blob: Uint8Array) {
    if (blob.length < 4) throw new CharsmapFormatError(`charsmap of ${blob.length} bytes is shorter than its 4-byte header`);
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    const trieSize = view.getUint32(0, true);
    if (trieSize % 4 !== 0 || 4 + trieSize > blob.length) {
      throw new CharsmapFormatError(`trie size ${trieSize} is not a multiple of 4 within the ${blob.length}-byte charsmap`);
    }
    const units = new Uint32Array(trieSize / 4);
    for (let i = 0; i < units.length; i++) units[i] = view.getUint32(4 + 4 * i, true);
    this.trie = new DoubleArrayTrie(units);
    this.pool = blob.subarray(4 + trieSize);
  }

  /** Whether the replacement pool is valid UTF-8 (Rust's `tokenizers` refuses the charsmap otherwise). */
  poolIsUtf8(): boolean {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(this.pool);
      return true;
    } catch {
      return false;
    }
  }

  /** Replacement bytes stored at `value` (up to the NUL that ends it). */
  replacement(value: number): Uint8Array {
    let r = this.replacements.get(value);
    if (r === undefined) {
      if (value > this.pool.length) throw new CharsmapFormatError(`replacement offset ${value} is outside the ${this.pool.length}-byte pool`);
      let end = value;
      while (end < this.pool.length && this.pool[end] !== 0) end++;
      r = this.pool.subarray(value, end);
      this.replacements.set(value, r);
    }
    return r;
  }

  /**
   * Longest rule matching a prefix of `bytes[start..end)` — sentencepiece's
   * `Normalizer::NormalizePrefix`. Returns the matched length and the pool offset, or null.
   */
  longestPrefix(bytes: Uint8Array, start: number, end: number): { length: number; value: number } | null {
    const length = this.trie.longestPrefixLength(bytes, start, end);
    const value = this.trie.lastValue;
    return length === 0 ? null : { length, value };
  }

  /**
   * Pool offset of the SHORTEST rule matching a prefix of `bytes[start..end)`, or -1 — what
   * Hugging Face's `spm_precompiled::Precompiled::transform` uses (it then replaces the whole
   * chunk, whatever the match length).
   */
  shortestPrefixValue(bytes: Uint8Array, start: number, end: number): number {
    let found = -1;
    this.trie.commonPrefixSearch(bytes, start, end, (_len, v) => {
      found = v;
      return false;
    });
    return found;
  }
}
