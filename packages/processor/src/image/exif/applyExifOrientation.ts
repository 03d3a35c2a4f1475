import type { PixelBuffer } from '../PixelBuffer.js';

/**
 * `PIL.ImageOps.exif_transpose` on pixels: orientation 2 mirrors, 3 rotates 180°, 4 flips, 5 transposes,
 * 6 rotates 90° clockwise (PIL's ROTATE_270), 7 transverses, 8 rotates 90° counter-clockwise.
 * Orientation 1 or unknown returns the input unchanged.
 */
export function applyExifOrientation(image: PixelBuffer, orientation: number | undefined): PixelBuffer {
  if (!orientation || orientation === 1 || orientation > 8) return image;
  const { width: w, height: h, channels } = image;
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(image.data.length);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // Source pixel (sx, sy) that lands on output (x, y).
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break;
      }
      const s = (sy * w + sx) * channels;
      const o = (y * ow + x) * channels;
      for (let c = 0; c < channels; c++) out[o + c] = image.data[s + c];
    }
  }
  return { width: ow, height: oh, channels, data: out };
}
