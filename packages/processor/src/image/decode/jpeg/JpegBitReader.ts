import type { JpegHuffmanTable } from './JpegHuffmanTable.js';
import { LOOKAHEAD_BITS } from './JpegHuffmanTable.js';
import { readRestartMarker } from './readRestartMarker.js';

/**
 * Entropy-coded data reader with libjpeg's behaviour at markers: byte-stuffed 0xFF00 is data, any other
 * marker stops the data and zeros are supplied from then on. Once a read needs those zero bits
 * (`JWRN_HIT_MARKER`), `insufficient` is set and the decoder leaves the following MCUs of the segment at
 * zero, as libjpeg's `insufficient_data` does; a restart marker found in place clears it. Running off the
 * end of the file is recorded so the caller can report a truncated image (PIL raises there too).
 */
export class JpegBitReader {
  private buffer = 0;
  private bits = 0;
  /** Set when the data ran out (end of file) before the scan was complete. */
  truncated = false;
  /** A read used bits past the data (libjpeg's `insufficient_data`). */
  insufficient = false;
  private hitMarker = false;
  /** How many of the buffered bits (the lowest ones) are zero fill rather than data. */
  private fakeBits = 0;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    while (this.bits <= 24) {
      let byte = 0;
      if (!this.hitMarker) {
        if (this.pos >= this.data.length) {
          this.truncated = true;
          this.hitMarker = true;
        } else {
          byte = this.data[this.pos];
          if (byte === 0xff) {
            // libjpeg: any run of 0xFF followed by 0x00 is one 0xFF data byte (fill bytes before a marker
            // are skipped the same way).
            let q = this.pos + 1;
            while (this.data[q] === 0xff) q++;
            const next = this.data[q];
            if (next === 0x00) {
              this.pos = q + 1;
            } else {
              if (next === undefined) this.truncated = true;
              this.hitMarker = true;
              byte = 0;
            }
          } else {
            this.pos++;
          }
        }
      }
      if (this.hitMarker) this.fakeBits += 8;
      this.buffer = ((this.buffer << 8) | byte) >>> 0;
      this.bits += 8;
    }
  }

  private consumed(): void {
    if (this.bits < this.fakeBits) {
      this.insufficient = true;
      this.fakeBits = this.bits;
    }
  }

  getBits(n: number): number {
    if (n === 0) return 0;
    if (this.bits < n) this.fill();
    this.bits -= n;
    this.consumed();
    return (this.buffer >>> this.bits) & ((1 << n) - 1);
  }

  getBit(): number {
    return this.getBits(1);
  }

  decode(table: JpegHuffmanTable): number {
    if (this.bits < 16) this.fill();
    const peek = (this.buffer >>> (this.bits - LOOKAHEAD_BITS)) & ((1 << LOOKAHEAD_BITS) - 1);
    const hit = table.lookahead[peek];
    if (hit) {
      this.bits -= hit >> 8;
      this.consumed();
      return hit & 0xff;
    }
    let len = 1;
    let code = this.getBit();
    while (len <= 16 && code > table.maxcode[len]) {
      code = (code << 1) | this.getBit();
      len++;
    }
    // libjpeg: a code longer than 16 bits is corrupt data; it warns and returns symbol 0.
    if (len > 16) return 0;
    return table.symbols[code + table.valoffset[len]];
  }

  /** At a restart boundary: discards buffered bits and reads the restart marker as libjpeg does. */
  restart(expected: number): void {
    this.buffer = 0;
    this.bits = 0;
    this.fakeBits = 0;
    const { pos, unread } = readRestartMarker(this.data, this.pos, expected);
    this.pos = pos;
    this.hitMarker = unread;
    // libjpeg clears insufficient_data only when a marker was swallowed.
    if (!unread) this.insufficient = false;
  }

  /** Position after the scan's data: the next marker. */
  endOfScan(): number {
    let p = this.pos;
    while (p + 1 < this.data.length && !(this.data[p] === 0xff && this.data[p + 1] !== 0 && !(this.data[p + 1] >= 0xd0 && this.data[p + 1] <= 0xd7))) p++;
    return p;
  }
}
