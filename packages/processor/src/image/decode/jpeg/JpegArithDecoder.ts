import { readRestartMarker } from './readRestartMarker.js';

// ITU-T T.81 Table D.2: Qe, next index after LPS, next index after MPS, switch MPS — plus libjpeg's entry 113,
// a fixed probability of 0.5 (ITU-T T.851 Table 5) used for sign and refinement bits.
// prettier-ignore
const QE_TABLE: readonly (readonly [number, number, number, number])[] = [
  [0x5a1d, 1, 1, 1], [0x2586, 14, 2, 0], [0x1114, 16, 3, 0], [0x080b, 18, 4, 0], [0x03d8, 20, 5, 0],
  [0x01da, 23, 6, 0], [0x00e5, 25, 7, 0], [0x006f, 28, 8, 0], [0x0036, 30, 9, 0], [0x001a, 33, 10, 0],
  [0x000d, 35, 11, 0], [0x0006, 9, 12, 0], [0x0003, 10, 13, 0], [0x0001, 12, 13, 0], [0x5a7f, 15, 15, 1],
  [0x3f25, 36, 16, 0], [0x2cf2, 38, 17, 0], [0x207c, 39, 18, 0], [0x17b9, 40, 19, 0], [0x1182, 42, 20, 0],
  [0x0cef, 43, 21, 0], [0x09a1, 45, 22, 0], [0x072f, 46, 23, 0], [0x055c, 48, 24, 0], [0x0406, 49, 25, 0],
  [0x0303, 51, 26, 0], [0x0240, 52, 27, 0], [0x01b1, 54, 28, 0], [0x0144, 56, 29, 0], [0x00f5, 57, 30, 0],
  [0x00b7, 59, 31, 0], [0x008a, 60, 32, 0], [0x0068, 62, 33, 0], [0x004e, 63, 34, 0], [0x003b, 32, 35, 0],
  [0x002c, 33, 9, 0], [0x5ae1, 37, 37, 1], [0x484c, 64, 38, 0], [0x3a0d, 65, 39, 0], [0x2ef1, 67, 40, 0],
  [0x261f, 68, 41, 0], [0x1f33, 69, 42, 0], [0x19a8, 70, 43, 0], [0x1518, 72, 44, 0], [0x1177, 73, 45, 0],
  [0x0e74, 74, 46, 0], [0x0bfb, 75, 47, 0], [0x09f8, 77, 48, 0], [0x0861, 78, 49, 0], [0x0706, 79, 50, 0],
  [0x05cd, 48, 51, 0], [0x04de, 50, 52, 0], [0x040f, 50, 53, 0], [0x0363, 51, 54, 0], [0x02d4, 52, 55, 0],
  [0x025c, 53, 56, 0], [0x01f8, 54, 57, 0], [0x01a4, 55, 58, 0], [0x0160, 56, 59, 0], [0x0125, 57, 60, 0],
  [0x00f6, 58, 61, 0], [0x00cb, 59, 62, 0], [0x00ab, 61, 63, 0], [0x008f, 61, 32, 0], [0x5b12, 65, 65, 1],
  [0x4d04, 80, 66, 0], [0x412c, 81, 67, 0], [0x37d8, 82, 68, 0], [0x2fe8, 83, 69, 0], [0x293c, 84, 70, 0],
  [0x2379, 86, 71, 0], [0x1edf, 87, 72, 0], [0x1aa9, 87, 73, 0], [0x174e, 72, 74, 0], [0x1424, 72, 75, 0],
  [0x119c, 74, 76, 0], [0x0f6b, 74, 77, 0], [0x0d51, 75, 78, 0], [0x0bb6, 77, 79, 0], [0x0a40, 77, 48, 0],
  [0x5832, 80, 81, 1], [0x4d1c, 88, 82, 0], [0x438e, 89, 83, 0], [0x3bdd, 90, 84, 0], [0x34ee, 91, 85, 0],
  [0x2eae, 92, 86, 0], [0x299a, 93, 87, 0], [0x2516, 86, 71, 0], [0x5570, 88, 89, 1], [0x4ca9, 95, 90, 0],
  [0x44d9, 96, 91, 0], [0x3e22, 97, 92, 0], [0x3824, 99, 93, 0], [0x32b4, 99, 94, 0], [0x2e17, 93, 86, 0],
  [0x56a8, 95, 96, 1], [0x4f46, 101, 97, 0], [0x47e5, 102, 98, 0], [0x41cf, 103, 99, 0], [0x3c3d, 104, 100, 0],
  [0x375e, 99, 93, 0], [0x5231, 105, 102, 0], [0x4c0f, 106, 103, 0], [0x4639, 107, 104, 0], [0x415e, 103, 99, 0],
  [0x5627, 105, 106, 1], [0x50e7, 108, 107, 0], [0x4b85, 109, 103, 0], [0x5597, 110, 109, 0], [0x504f, 111, 107, 0],
  [0x5a10, 110, 111, 1], [0x5522, 112, 109, 0], [0x59eb, 112, 111, 1], [0x5a1d, 113, 113, 0],
];

/** Index of the fixed 0.5-probability state. */
export const FIXED_STATE = 113;

/**
 * The binary arithmetic decoder of ITU-T T.81 Annex D as libjpeg's jdarith.c runs it: C register with a
 * floating cut-point (`ct` bits of look-ahead), A register, statistics bins of one byte (MPS in bit 7, state
 * index below). Hitting a marker inside the data is legal: zeros are supplied from then on. Running off the
 * end of the file is recorded (`truncated`), as PIL then refuses the file.
 */
export class JpegArithDecoder {
  private c = 0;
  private a = 0;
  private ct = -16;
  private unread = false;
  truncated = false;
  /** libjpeg's `ct == -1`: a bad code was met; MCUs are skipped until the next restart. */
  failed = false;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  /** Reset at the start of a scan or after a restart marker. */
  reset(): void {
    this.c = 0;
    this.a = 0;
    this.ct = -16;
    this.failed = false;
  }

  private nextByte(): number {
    if (this.unread) return 0;
    if (this.pos >= this.data.length) {
      this.truncated = true;
      this.unread = true;
      return 0;
    }
    const b = this.data[this.pos];
    if (b !== 0xff) {
      this.pos++;
      return b;
    }
    let q = this.pos + 1;
    while (q < this.data.length && this.data[q] === 0xff) q++;
    if (q >= this.data.length) {
      this.truncated = true;
      this.unread = true;
      return 0;
    }
    if (this.data[q] === 0) {
      this.pos = q + 1;
      return 0xff;
    }
    this.unread = true; // a marker: leave `pos` on it
    return 0;
  }

  /** Decodes one binary decision with the statistics bin `stats[i]`, updating the bin. */
  decode(stats: Uint8Array, i: number): number {
    while (this.a < 0x8000) {
      if (--this.ct < 0) {
        this.c = this.c * 256 + this.nextByte();
        this.ct += 8;
        if (this.ct < 0) {
          if (++this.ct === 0) this.a = 0x8000; // two initial bytes read: A becomes 0x10000 below
        }
      }
      this.a *= 2;
    }
    const sv = stats[i];
    const [qe, nextLps, nextMps, switchMps] = QE_TABLE[sv & 0x7f];
    const nl = nextLps | (switchMps << 7);
    let temp = this.a - qe;
    this.a = temp;
    temp *= 2 ** this.ct;
    let bit = sv >> 7;
    if (this.c >= temp) {
      this.c -= temp;
      if (this.a < qe) {
        this.a = qe;
        stats[i] = (sv & 0x80) ^ nextMps;
      } else {
        this.a = qe;
        stats[i] = (sv & 0x80) ^ nl;
        bit ^= 1;
      }
    } else if (this.a < 0x8000) {
      if (this.a < qe) {
        stats[i] = (sv & 0x80) ^ nl;
        bit ^= 1;
      } else {
        stats[i] = (sv & 0x80) ^ nextMps;
      }
    }
    return bit;
  }

  /** At a restart boundary: reads the RSTn marker like libjpeg and resets the coder. */
  restart(expected: number): void {
    const { pos, unread } = readRestartMarker(this.data, this.pos, expected);
    this.pos = pos;
    this.unread = unread;
    this.reset();
  }
}
