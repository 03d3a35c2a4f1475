import type { JpegHuffmanTable } from './JpegHuffmanTable.js';
import { LOOKAHEAD_BITS } from './JpegHuffmanTable.js';

/**
 * Entropy-coded data reader with libjpeg's behaviour at markers: byte-stuffed 0xFF00 is data, any other
 * marker stops the data and zeros are supplied from then on (`JWRN_HIT_MARKER`). Running off the end of
 * the file is recorded so the caller can report a truncated image.
 */
export class JpegBitReader {
  private buffer = 0;
  private bits = 0;
  /** Set when the data ran out (end of file) before the scan was complete. */
  truncated = false;
  private hitMarker = false;

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
            const next = this.data[this.pos + 1];
            if (next === 0x00) {
              this.pos += 2;
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
      this.buffer = ((this.buffer << 8) | byte) >>> 0;
      this.bits += 8;
    }
  }

  getBits(n: number): number {
    if (n === 0) return 0;
    if (this.bits < n) this.fill();
    this.bits -= n;
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

  /** Discards buffered bits and moves past the next RSTn marker (restart interval boundary). */
  restart(): void {
    this.buffer = 0;
    this.bits = 0;
    this.hitMarker = false;
    while (this.pos + 1 < this.data.length) {
      if (this.data[this.pos] === 0xff && this.data[this.pos + 1] >= 0xd0 && this.data[this.pos + 1] <= 0xd7) {
        this.pos += 2;
        return;
      }
      if (this.data[this.pos] === 0xff && this.data[this.pos + 1] !== 0 && this.data[this.pos + 1] !== 0xff) return;
      this.pos++;
    }
  }

  /** Position after the scan's data: the next marker. */
  endOfScan(): number {
    let p = this.pos;
    while (p + 1 < this.data.length && !(this.data[p] === 0xff && this.data[p + 1] !== 0 && !(this.data[p + 1] >= 0xd0 && this.data[p + 1] <= 0xd7))) p++;
    return p;
  }
}
