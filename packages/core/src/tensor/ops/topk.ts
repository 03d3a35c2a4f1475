import { axisLayout } from './axis.js';
import { TensorOpError } from './TensorOpError.js';

/** Positions (along the axis) of the `k` largest values of every slice, largest first; NaN ranks highest, as in torch. */
export function topkPositions(values: Float64Array, dims: readonly number[], k: number, dim: number): { positions: Int32Array; dims: number[]; layout: ReturnType<typeof axisLayout> } {
  const layout = axisLayout(dims, dim, 'topk');
  const { outer, size, inner, axis } = layout;
  if (!Number.isInteger(k) || k < 0 || k > size) {
    throw new TensorOpError(`topk: k = ${k} is out of range (expected an integer in [0, ${size}], the size of dim ${dim})`);
  }
  const positions = new Int32Array(outer * k * inner);
  const order = new Array<number>(size);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const base = o * size * inner + j;
      for (let i = 0; i < size; i++) order[i] = i;
      // Ties keep the lower index first, so results are deterministic across engines.
      order.sort((a, b) => rank(values[base + b * inner]) - rank(values[base + a * inner]) || a - b);
      for (let i = 0; i < k; i++) positions[o * k * inner + i * inner + j] = order[i];
    }
  }
  const outDims = dims.length === 0 ? [] : dims.map((d, i) => (i === axis ? k : d));
  return { positions, dims: outDims, layout };
}

function rank(v: number): number {
  return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
}
