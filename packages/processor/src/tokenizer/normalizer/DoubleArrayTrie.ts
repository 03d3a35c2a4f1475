/**
 * Read-only view of a darts-clone double array, the trie format inside SentencePiece's
 * `precompiled_charsmap`. Unit layout (darts-clone `DoubleArrayUnit`): bit 8 = has_leaf,
 * label = bits 0-7 plus bit 31, offset = bits 10-30 shifted left by 8 when bit 9 is set,
 * value = bits 0-30 of the leaf unit.
 */
export class DoubleArrayTrie {
  constructor(private readonly units: Uint32Array) {}

  /**
   * Visits every key that is a prefix of `key[start..end)`, shortest first, as darts-clone's
   * `commonPrefixSearch` does. `visit(length, value)` returns false to stop early.
   */
  /** Value of the key found by the last `longestPrefixLength` (valid when it returned > 0). */
  lastValue = -1;

  /**
   * Length of the longest key that is a prefix of `key[start..end)`, 0 when none; its value is
   * left in `lastValue`. The same walk as `commonPrefixSearch` without a callback: the normalizer
   * calls this once per input character, so it must not allocate.
   */
  longestPrefixLength(key: Uint8Array, start: number, end: number): number {
    const units = this.units;
    if (units.length === 0) return 0;
    let length = 0;
    let nodePos = offsetOf(units[0]);
    for (let i = start; i < end; i++) {
      const c = key[i];
      nodePos ^= c;
      if (nodePos >= units.length) break;
      const unit = units[nodePos];
      if ((unit & 0x800000ff) >>> 0 !== c) break;
      nodePos ^= offsetOf(unit);
      if ((unit >>> 8) & 1) {
        if (nodePos >= units.length) break;
        length = i - start + 1;
        this.lastValue = units[nodePos] & 0x7fffffff;
      }
    }
    return length;
  }

  commonPrefixSearch(key: Uint8Array, start: number, end: number, visit: (length: number, value: number) => boolean): void {
    const units = this.units;
    if (units.length === 0) return;
    let nodePos = offsetOf(units[0]);
    for (let i = start; i < end; i++) {
      const c = key[i];
      nodePos ^= c;
      if (nodePos >= units.length) return;
      const unit = units[nodePos];
      // label() includes bit 31 so that leaf units (which set it) never match a byte.
      if ((unit & 0x800000ff) >>> 0 !== c) return;
      nodePos ^= offsetOf(unit);
      if ((unit >>> 8) & 1) {
        if (nodePos >= units.length) return;
        if (!visit(i - start + 1, units[nodePos] & 0x7fffffff)) return;
      }
    }
  }
}

function offsetOf(unit: number): number {
  return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
}
