import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';

const MAX_CODES = 4096;

/**
 * GIF's variable-width LZW over data sub-blocks, producing at most `count` palette indices (like
 * libImaging's GifDecode.c, extra data is ignored; an end code or the block terminator before the frame is
 * full leaves the rest unpainted). Memory is bounded by `count` plus the fixed 4096-entry code table.
 */
export function decodeGifLzw(bytes: Uint8Array, offset: number, minCodeSize: number, count: number, source: string): Uint8Array {
  if (minCodeSize < 1 || minCodeSize > 8) throw new ImageDecodeError(source, `corrupt GIF: LZW minimum code size ${minCodeSize} (expected 1-8)`);
  const out = new Uint8Array(count);
  const prefix = new Int16Array(MAX_CODES);
  const suffix = new Uint8Array(MAX_CODES);
  const firstOf = new Uint8Array(MAX_CODES);
  const lengthOf = new Uint16Array(MAX_CODES);
  const clear = 1 << minCodeSize;
  const end = clear + 1;
  for (let i = 0; i < clear; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    firstOf[i] = i;
    lengthOf[i] = 1;
  }
  let codeSize = minCodeSize + 1;
  let next = clear + 2;
  let prev = -1;
  let written = 0;

  let pos = offset;
  let blockEnd = offset;
  let bitBuf = 0;
  let bitCount = 0;
  for (;;) {
    while (bitCount < codeSize) {
      if (pos >= blockEnd) {
        if (pos >= bytes.length) throw new ImageDecodeError(source, 'truncated GIF: image data ends early');
        const n = bytes[pos++];
        if (n === 0) return out; // block terminator: the frame ends here
        blockEnd = pos + n;
        if (blockEnd > bytes.length) throw new ImageDecodeError(source, 'truncated GIF: image data ends early');
      }
      bitBuf |= bytes[pos++] << bitCount;
      bitCount += 8;
    }
    const code = bitBuf & ((1 << codeSize) - 1);
    bitBuf >>>= codeSize;
    bitCount -= codeSize;

    if (code === clear) {
      codeSize = minCodeSize + 1;
      next = clear + 2;
      prev = -1;
      continue;
    }
    if (code === end) return out;
    let emit: number;
    if (code < next && (code < clear || code > end)) {
      emit = code;
      if (prev >= 0 && next < MAX_CODES) add(prev, firstOf[code]);
    } else if (code === next && prev >= 0 && next < MAX_CODES) {
      add(prev, firstOf[prev]);
      emit = code;
    } else {
      throw new ImageDecodeError(source, `corrupt GIF: invalid LZW code ${code} (next free code ${next})`);
    }
    // Write the string for `emit` backwards from its last character.
    const len = lengthOf[emit];
    const stop = written + len;
    for (let c = emit, at = stop - 1; c >= 0; c = prefix[c], at--) {
      if (at < count) out[at] = suffix[c];
    }
    written = stop;
    if (written >= count) return out;
    prev = code;
    if (next === 1 << codeSize && codeSize < 12) codeSize++;
  }

  function add(p: number, ch: number): void {
    prefix[next] = p;
    suffix[next] = ch;
    firstOf[next] = firstOf[p];
    lengthOf[next] = lengthOf[p] + 1;
    next++;
  }
}
