import type { ResampleKernel } from './ResampleKernel.js';

/** Pillow's `PRECISION_BITS` (32 - 8 - 2): fixed-point coefficients for 8-bit images. */
export const PRECISION_BITS = 22;

/** One axis of a separable resample: which input span feeds each output sample, with what weights. */
export interface AxisCoefficients {
  /** Maximum taps per output sample (row stride of `weights`). */
  readonly taps: number;
  /** Per output sample: first input index, number of inputs used. */
  readonly bounds: Int32Array;
  /** Fixed-point weights, `taps` per output sample, already rounded as Pillow rounds them. */
  readonly weights: Int32Array;
}

/**
 * `precompute_coeffs` + `normalize_coeffs_8bpc` from Pillow's `libImaging/Resample.c`, step for step:
 * the support widens with the downscale factor (that is the antialiasing), weights are normalised in
 * double precision, then rounded half away from zero to 22-bit fixed point.
 *
 * `in0`/`in1` are the box edges; Pillow keeps them as C `float`, so they are rounded to float32 here.
 */
export function precomputeCoefficients(
  inSize: number,
  in0: number,
  in1: number,
  outSize: number,
  kernel: ResampleKernel,
): AxisCoefficients {
  const box0 = Math.fround(in0);
  const scale = Math.fround(Math.fround(in1) - box0) / outSize;
  const filterScale = Math.max(1.0, scale);
  const support = kernel.support * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * taps);
  const k = new Float64Array(taps);
  const ss = 1.0 / filterScale;
  const one = 1 << PRECISION_BITS;

  for (let xx = 0; xx < outSize; xx++) {
    const center = box0 + (xx + 0.5) * scale;
    let ww = 0.0;
    // C casts to int here (truncation toward zero), not floor.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    for (let x = 0; x < xmax; x++) {
      const w = kernel.weight((x + xmin - center + 0.5) * ss);
      k[x] = w;
      ww += w;
    }
    const base = xx * taps;
    for (let x = 0; x < xmax; x++) {
      const v = ww !== 0.0 ? k[x] / ww : k[x];
      weights[base + x] = v < 0 ? Math.trunc(-0.5 + v * one) : Math.trunc(0.5 + v * one);
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { taps, bounds, weights };
}
