/** A Huffman table from a DHT segment, in libjpeg's derived form (`jpeg_make_d_derived_tbl`). */
export interface JpegHuffmanTable {
  /** Largest code of each length 1..16 (index = length), -1 when none; index 17 is a sentinel. */
  readonly maxcode: Int32Array;
  /** `symbols` index offset per length: symbol = symbols[code + valoffset[len]]. */
  readonly valoffset: Int32Array;
  readonly symbols: Uint8Array;
  /** 9-bit lookahead: (length << 8) | symbol, or 0 when the code is longer than 9 bits. */
  readonly lookahead: Uint16Array;
}

export const LOOKAHEAD_BITS = 9;

export function buildHuffmanTable(counts: Uint8Array, symbols: Uint8Array): JpegHuffmanTable {
  const maxcode = new Int32Array(18).fill(-1);
  const valoffset = new Int32Array(18);
  const lookahead = new Uint16Array(1 << LOOKAHEAD_BITS);
  let code = 0;
  let p = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1];
    if (n) {
      valoffset[len] = p - code;
      for (let i = 0; i < n; i++, p++, code++) {
        if (len <= LOOKAHEAD_BITS) {
          const shift = LOOKAHEAD_BITS - len;
          const base = code << shift;
          for (let j = 0; j < 1 << shift; j++) lookahead[base + j] = (len << 8) | symbols[p];
        }
      }
      maxcode[len] = code - 1;
    }
    code <<= 1;
  }
  maxcode[17] = 0x7fffffff;
  return { maxcode, valoffset, symbols, lookahead };
}
