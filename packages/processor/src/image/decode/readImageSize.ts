import { ImageDecodeError } from '../../errors/ImageDecodeError.js';
import { readGifSize } from './gif/decodeGif.js';
import type { ImageFormat } from './sniffFormat.js';

/**
 * The pixel size a file's header declares, read without decoding anything, so the size limit can be applied
 * before any decoder (ours, sharp's or the browser's) allocates. `undefined` for formats whose header this
 * package does not parse (sharp then enforces the limit itself through `limitInputPixels`).
 */
export function readImageSize(bytes: Uint8Array, format: ImageFormat, source: string): { width: number; height: number } | undefined {
  switch (format) {
    case 'png':
      if (bytes.length < 24) throw new ImageDecodeError(source, 'truncated PNG: no complete IHDR chunk');
      return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
    case 'jpeg':
      return readJpegSize(bytes);
    case 'gif':
      return readGifSize(bytes, source);
    case 'webp':
      return readWebpSize(bytes);
    default:
      return undefined;
  }
}

function u32be(b: Uint8Array, p: number): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

// The first SOFn's height/width (what PIL reports as the size).
function readJpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  let pos = 2;
  while (pos + 9 <= bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[pos + 5] << 8) | bytes[pos + 6], width: (bytes[pos + 7] << 8) | bytes[pos + 8] };
    }
    pos += 2 + ((bytes[pos + 2] << 8) | bytes[pos + 3]);
  }
  return undefined;
}

// WebP canvas size: VP8X (24-bit minus one), VP8L (14-bit minus one), or VP8 (14-bit key frame size).
function readWebpSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 30) return undefined;
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  const u24 = (p: number) => b[p] | (b[p + 1] << 8) | (b[p + 2] << 16);
  if (chunk === 'VP8X') return { width: u24(24) + 1, height: u24(27) + 1 };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: (b[26] | (b[27] << 8)) & 0x3fff, height: (b[28] | (b[29] << 8)) & 0x3fff };
  }
  return undefined;
}
