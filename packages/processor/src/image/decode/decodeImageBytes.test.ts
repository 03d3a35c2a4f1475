import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { convertToRgb } from '../color/convertToRgb.js';
import { decodeImageBytes } from './decodeImageBytes.js';

// Lossless encodings written by sharp: decoding must give back exactly the pixels that were encoded.
function pixels(width: number, height: number, colours: number): Uint8Array {
  const palette = [
    [255, 0, 0],
    [0, 128, 255],
    [20, 200, 60],
    [250, 250, 250],
  ];
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) out.set(palette[(i * 7 + Math.floor(i / width)) % colours], i * 3);
  return out;
}

describe("decodeImageBytes for WebP (sharp) and GIF (this package's decoder), files written by sharp", () => {
  it('lossless WebP', async () => {
    const raw = pixels(19, 11, 4);
    const bytes = new Uint8Array(await sharp(raw, { raw: { width: 19, height: 11, channels: 3 } }).webp({ lossless: true }).toBuffer());
    const rgb = convertToRgb(await decodeImageBytes(bytes, 'x.webp'));
    expect([rgb.width, rgb.height]).toEqual([19, 11]);
    expect(Array.from(rgb.data)).toEqual(Array.from(raw));
  });

  it('GIF with a 4-colour palette (first frame)', async () => {
    const raw = pixels(13, 9, 4);
    const bytes = new Uint8Array(await sharp(raw, { raw: { width: 13, height: 9, channels: 3 } }).gif({ dither: 0 }).toBuffer());
    const rgb = convertToRgb(await decodeImageBytes(bytes, 'x.gif'));
    expect([rgb.width, rgb.height]).toEqual([13, 9]);
    expect(Array.from(rgb.data)).toEqual(Array.from(raw));
  });
});
