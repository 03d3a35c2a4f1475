import { axisLayout } from './axis.js';

/**
 * `exp(x − max) / Σ exp(x − max)` along one axis, accumulated in float64 (the max shift is what
 * torch does too, so large logits such as CLIP's ×100 scale do not overflow).
 */
export function softmaxValues(values: Float64Array, dims: readonly number[], dim: number): Float64Array {
  const { outer, size, inner } = axisLayout(dims, dim, 'softmax');
  const out = new Float64Array(values.length);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * size * inner + j;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < size; i++) max = Math.max(max, values[base + i * inner]);
      let sum = 0;
      for (let i = 0; i < size; i++) {
        const e = Math.exp(values[base + i * inner] - max);
        out[base + i * inner] = e;
        sum += e;
      }
      for (let i = 0; i < size; i++) out[base + i * inner] /= sum;
    }
  }
  return out;
}
