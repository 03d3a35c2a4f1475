import { InvalidImageError } from '../../../errors/InvalidImageError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from '../pixelLimit.js';
import { decodeGifLzw } from './decodeGifLzw.js';
import { readGifFrame0 } from './readGifFrame0.js';

/**
 * The first frame of a GIF exactly as PIL 9.4's GifImagePlugin opens it: mode `P` with the frame's palette
 * (local, else global), or `L` when there is none or it is the identity grey ramp (`_is_palette_needed`);
 * the canvas is the logical screen grown to the frame's extent, filled with the transparent index (or 0)
 * where the frame does not draw. Transparent pixels keep their index, so `convert('RGB')` gives the palette
 * colour, as HF sees it (sharp and browsers would composite to RGBA instead).
 */
export function decodeGif(bytes: Uint8Array, source: string, maxPixels = DEFAULT_MAX_PIXELS): DecodedImage {
  const frame = readGifFrame0(bytes, source);
  const { width, height } = frame;
  if (!width || !height) throw new InvalidImageError(`${source}: zero-sized image (${width}x${height})`);
  checkPixelLimit(width, height, maxPixels, source);
  const data = new Uint8Array(width * height);
  if (frame.transparency !== undefined) data.fill(frame.transparency);
  const fw = frame.x1 - frame.x0;
  const fh = frame.y1 - frame.y0;
  if (fw > 0 && fh > 0) {
    const pixels = decodeGifLzw(bytes, frame.dataOffset, frame.minCodeSize, fw * fh, source);
    // Rows in stored order; interlaced frames store rows 0,8,16…, then 4,12…, then 2,6…, then 1,3….
    const rows = frame.interlace ? interlacedRows(fh) : undefined;
    for (let r = 0; r < fh && r * fw < pixels.length; r++) {
      const y = frame.y0 + (rows ? rows[r] : r);
      const row = pixels.subarray(r * fw, Math.min(pixels.length, (r + 1) * fw));
      data.set(row, y * width + frame.x0);
    }
  }
  if (frame.palette) return { mode: 'P', width, height, data, palette: frame.palette };
  return { mode: 'L', width, height, data };
}

function interlacedRows(h: number): Int32Array {
  const rows = new Int32Array(h);
  let k = 0;
  for (const [start, step] of [
    [0, 8],
    [4, 8],
    [2, 4],
    [1, 2],
  ]) {
    for (let y = start; y < h; y += step) rows[k++] = y;
  }
  return rows;
}

/** Width and height PIL reports for a GIF (screen grown to frame 0's extent), for the pre-decode size check. */
export function readGifSize(bytes: Uint8Array, source: string): { width: number; height: number } {
  const { width, height } = readGifFrame0(bytes, source);
  return { width, height };
}
