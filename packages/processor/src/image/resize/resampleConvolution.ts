import { type AxisCoefficients, PRECISION_BITS, precomputeCoefficients } from './precomputeCoefficients.js';
import type { ResampleKernel } from './ResampleKernel.js';
import type { PixelBuffer } from '../PixelBuffer.js';

const HALF = 1 << (PRECISION_BITS - 1);

// clip8 of Resample.c: arithmetic shift, then clamp to the uint8 range.
function clip8(v: number): number {
  const s = v >> PRECISION_BITS;
  return Math.min(255, Math.max(0, s));
}

/**
 * `ImagingResampleInner` for 8-bit images: the horizontal pass always runs first (only over the rows the
 * vertical pass will read), a pass is skipped when its axis keeps its size and the box is the full
 * image, and fixed-point sums are rounded by adding half before the shift.
 */
export function resampleConvolution(
  image: PixelBuffer,
  outWidth: number,
  outHeight: number,
  kernel: ResampleKernel,
  box: readonly [number, number, number, number],
): PixelBuffer {
  const { channels } = image;
  const needHorizontal = outWidth !== image.width || box[0] !== 0 || box[2] !== outWidth;
  const needVertical = outHeight !== image.height || box[1] !== 0 || box[3] !== outHeight;

  const vert = precomputeCoefficients(image.height, box[1], box[3], outHeight, kernel);
  const yFirst = vert.bounds[0];
  const yLast = vert.bounds[outHeight * 2 - 2] + vert.bounds[outHeight * 2 - 1];

  let current = image;
  let rowOffset = 0;
  if (needHorizontal) {
    const horiz = precomputeCoefficients(image.width, box[0], box[2], outWidth, kernel);
    current = horizontalPass(image, outWidth, yFirst, yLast - yFirst, horiz);
    rowOffset = yFirst;
  }
  if (needVertical) {
    current = verticalPass(current, outHeight, rowOffset, vert);
  }
  if (current === image) {
    return { width: image.width, height: image.height, channels, data: image.data.slice() };
  }
  return current;
}

function horizontalPass(
  image: PixelBuffer,
  outWidth: number,
  firstRow: number,
  rows: number,
  { taps, bounds, weights }: AxisCoefficients,
): PixelBuffer {
  const { channels, width } = image;
  const src = image.data;
  const out = new Uint8Array(outWidth * rows * channels);
  if (channels === 3) {
    // The common case, unrolled: scalar accumulators are several times faster than a per-channel array.
    for (let yy = 0; yy < rows; yy++) {
      const rowBase = (yy + firstRow) * width * 3;
      let o = yy * outWidth * 3;
      for (let xx = 0; xx < outWidth; xx++) {
        const xmax = bounds[xx * 2 + 1];
        const kBase = xx * taps;
        let p = rowBase + bounds[xx * 2] * 3;
        let s0 = HALF;
        let s1 = HALF;
        let s2 = HALF;
        for (let x = 0; x < xmax; x++) {
          const w = weights[kBase + x];
          s0 = (s0 + src[p] * w) | 0;
          s1 = (s1 + src[p + 1] * w) | 0;
          s2 = (s2 + src[p + 2] * w) | 0;
          p += 3;
        }
        out[o++] = clip8(s0);
        out[o++] = clip8(s1);
        out[o++] = clip8(s2);
      }
    }
    return { width: outWidth, height: rows, channels, data: out };
  }
  const acc = new Float64Array(channels);
  for (let yy = 0; yy < rows; yy++) {
    const rowBase = (yy + firstRow) * width * channels;
    const outBase = yy * outWidth * channels;
    for (let xx = 0; xx < outWidth; xx++) {
      const xmin = bounds[xx * 2];
      const xmax = bounds[xx * 2 + 1];
      const kBase = xx * taps;
      acc.fill(HALF);
      let p = rowBase + xmin * channels;
      for (let x = 0; x < xmax; x++) {
        const w = weights[kBase + x];
        for (let c = 0; c < channels; c++) acc[c] += src[p + c] * w;
        p += channels;
      }
      const o = outBase + xx * channels;
      for (let c = 0; c < channels; c++) out[o + c] = clip8(acc[c]);
    }
  }
  return { width: outWidth, height: rows, channels, data: out };
}

function verticalPass(
  image: PixelBuffer,
  outHeight: number,
  rowOffset: number,
  { taps, bounds, weights }: AxisCoefficients,
): PixelBuffer {
  const { channels, width } = image;
  const src = image.data;
  const stride = width * channels;
  const out = new Uint8Array(stride * outHeight);
  // Row by row into int32 accumulators (C's `int` sums, same terms in the same order as Pillow's loop),
  // which walks memory sequentially instead of down columns.
  const acc = new Int32Array(stride);
  for (let yy = 0; yy < outHeight; yy++) {
    const ymin = bounds[yy * 2] - rowOffset;
    const ymax = bounds[yy * 2 + 1];
    const kBase = yy * taps;
    acc.fill(HALF);
    for (let y = 0; y < ymax; y++) {
      const w = weights[kBase + y];
      const rowBase = (y + ymin) * stride;
      for (let i = 0; i < stride; i++) acc[i] += src[rowBase + i] * w;
    }
    const outBase = yy * stride;
    for (let i = 0; i < stride; i++) out[outBase + i] = clip8(acc[i]);
  }
  return { width, height: outHeight, channels, data: out };
}
