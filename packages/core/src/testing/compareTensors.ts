import type { Tensor } from '../tensor/Tensor.js';
import { toFloat32 } from '../tensor/toFloat32.js';

export interface Comparison {
  readonly ok: boolean;
  readonly maxAbsDiff: number;
  readonly message: string;
}

/** Shape equality and max |actual − expected| ≤ atol; NaN anywhere fails. */
export function compareTensors(name: string, actual: Tensor | undefined, expected: Tensor, atol: number): Comparison {
  if (!actual) return { ok: false, maxAbsDiff: Number.POSITIVE_INFINITY, message: `${name}: the model returned nothing` };
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, i) => d !== expected.dims[i])) {
    return { ok: false, maxAbsDiff: Number.POSITIVE_INFINITY, message: `${name}: shape [${actual.dims.join(', ')}], expected [${expected.dims.join(', ')}]` };
  }
  const a = toFloat32(actual).data;
  const e = toFloat32(expected).data;
  let max = 0;
  let at = 0;
  for (let i = 0; i < e.length; i++) {
    const diff = Math.abs(a[i] - e[i]);
    if (!(diff <= max)) {
      max = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : diff;
      at = i;
      if (max === Number.POSITIVE_INFINITY) break;
    }
  }
  const ok = max <= atol;
  return { ok, maxAbsDiff: max, message: `${name}: max |diff| ${max.toExponential(2)} at flat index ${at} (got ${a[at]}, expected ${e[at]}); tolerance ${atol.toExponential(1)}` };
}

/**
 * Rows of `expected` whose top-1/top-2 margin exceeds `margin` must keep the
 * same argmax. Returns the offending row indices.
 */
export function top1Disagreements(actual: Tensor, expected: Tensor, margin: number): number[] {
  const [rows, cols] = expected.dims;
  const a = toFloat32(actual).data;
  const e = toFloat32(expected).data;
  const bad: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let second = Number.NEGATIVE_INFINITY;
    let got = 0;
    for (let c = 0; c < cols; c++) {
      if (e[r * cols + c] > e[r * cols + best]) best = c;
      if (a[r * cols + c] > a[r * cols + got]) got = c;
    }
    for (let c = 0; c < cols; c++) if (c !== best) second = Math.max(second, e[r * cols + c]);
    if (e[r * cols + best] - second > margin && got !== best) bad.push(r);
  }
  return bad;
}

/** Cosine of the angle between two tensors read as flat vectors (float64 accumulation). */
export function cosineSimilarity(a: Tensor, b: Tensor): number {
  const x = toFloat32(a).data;
  const y = toFloat32(b).data;
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let i = 0; i < x.length; i++) {
    dot += x[i] * y[i];
    nx += x[i] * x[i];
    ny += y[i] * y[i];
  }
  return nx === 0 || ny === 0 ? (nx === ny ? 1 : 0) : dot / Math.sqrt(nx * ny);
}
