import type { DecodedImage } from '../DecodedImage.js';
import type { PixelBuffer } from '../PixelBuffer.js';

// MULDIV255 of libImaging/Convert.c: a * b / 255 rounded the way Pillow rounds it.
function mulDiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

/**
 * `PIL.Image.convert('RGB')`, mode by mode as libImaging/Convert.c does it: gray is replicated, alpha is
 * dropped without compositing, palettes are looked up (transparency does not change the colour), 32-bit
 * and 16-bit integers are clipped to 0–255 (not rescaled), CMYK uses Pillow's `cmyk2rgb`.
 */
export function convertToRgb(image: DecodedImage): PixelBuffer {
  const { width, height } = image;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  switch (image.mode) {
    case 'RGB':
      out.set(image.data.subarray(0, n * 3));
      break;
    case '1':
    case 'L':
      for (let i = 0; i < n; i++) {
        const v = image.data[i];
        out[i * 3] = v;
        out[i * 3 + 1] = v;
        out[i * 3 + 2] = v;
      }
      break;
    case 'LA':
      for (let i = 0; i < n; i++) {
        const v = image.data[i * 2];
        out[i * 3] = v;
        out[i * 3 + 1] = v;
        out[i * 3 + 2] = v;
      }
      break;
    case 'RGBA':
      for (let i = 0; i < n; i++) {
        out[i * 3] = image.data[i * 4];
        out[i * 3 + 1] = image.data[i * 4 + 1];
        out[i * 3 + 2] = image.data[i * 4 + 2];
      }
      break;
    case 'CMYK':
      for (let i = 0; i < n; i++) {
        const nk = 255 - image.data[i * 4 + 3];
        for (let c = 0; c < 3; c++) {
          const v = nk - mulDiv255(image.data[i * 4 + c], nk);
          out[i * 3 + c] = Math.min(255, Math.max(0, v));
        }
      }
      break;
    case 'P': {
      const pal = image.palette;
      for (let i = 0; i < n; i++) {
        const p = image.data[i] * 3;
        // Indices past the palette read as black: Pillow pads a short palette with zeros.
        out[i * 3] = pal[p] ?? 0;
        out[i * 3 + 1] = pal[p + 1] ?? 0;
        out[i * 3 + 2] = pal[p + 2] ?? 0;
      }
      break;
    }
    case 'I':
      for (let i = 0; i < n; i++) {
        const raw = image.data[i];
        const v = Math.min(255, Math.max(0, raw));
        out[i * 3] = v;
        out[i * 3 + 1] = v;
        out[i * 3 + 2] = v;
      }
      break;
  }
  return { width, height, channels: 3, data: out };
}
