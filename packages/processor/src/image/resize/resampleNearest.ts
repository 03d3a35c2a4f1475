import type { PixelBuffer } from '../PixelBuffer.js';

// COORD() of libImaging/Geometry.c: negative coordinates are "outside", others truncate.
function coord(v: number): number {
  return v < 0.0 ? -1 : Math.trunc(v);
}

/**
 * Pillow's NEAREST resize is not a convolution: `_imaging.c` turns it into an affine scale
 * (`ImagingScaleAffine`), whose source positions are accumulated by repeated addition of the step,
 * starting at half a step. Reproducing the accumulation (not `x * step`) keeps the same rounding.
 */
export function resampleNearest(
  image: PixelBuffer,
  outWidth: number,
  outHeight: number,
  box: readonly [number, number, number, number],
): PixelBuffer {
  const { channels, width, height } = image;
  const b = box.map((v) => Math.fround(v));
  const a0 = Math.fround(b[2] - b[0]) / outWidth;
  const a4 = Math.fround(b[3] - b[1]) / outHeight;
  const src = image.data;
  // ImagingNewDirty leaves untouched pixels undefined in C; zero is what a fresh buffer holds here.
  const out = new Uint8Array(outWidth * outHeight * channels);

  const xintab = new Int32Array(outWidth).fill(-1);
  let xo = b[0] + a0 * 0.5;
  for (let x = 0; x < outWidth; x++) {
    const xin = coord(xo);
    if (xin >= 0 && xin < width) xintab[x] = xin;
    xo += a0;
  }
  let yo = b[1] + a4 * 0.5;
  for (let y = 0; y < outHeight; y++) {
    const yi = coord(yo);
    if (yi >= 0 && yi < height) {
      const rowIn = yi * width * channels;
      const rowOut = y * outWidth * channels;
      for (let x = 0; x < outWidth; x++) {
        const xin = xintab[x];
        if (xin < 0) continue;
        const p = rowIn + xin * channels;
        const o = rowOut + x * channels;
        for (let c = 0; c < channels; c++) out[o + c] = src[p + c];
      }
    }
    yo += a4;
  }
  return { width: outWidth, height: outHeight, channels, data: out };
}
