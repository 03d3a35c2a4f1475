import { TensorOpError } from './TensorOpError.js';

/** How a row-major tensor splits around one axis: `outer × size × inner`, element `(o·size + i)·inner + j`. */
export interface AxisLayout {
  readonly axis: number;
  readonly outer: number;
  readonly size: number;
  readonly inner: number;
}

/** Resolves a (possibly negative, PyTorch-style) `dim` against `dims`. */
export function axisLayout(dims: readonly number[], dim: number, op: string): AxisLayout {
  const rank = dims.length;
  if (!Number.isInteger(dim) || dim < -Math.max(rank, 1) || dim >= Math.max(rank, 1)) {
    throw new TensorOpError(`${op}: dim ${dim} is out of range for a tensor of rank ${rank} (expected an integer in [${-Math.max(rank, 1)}, ${Math.max(rank, 1) - 1}])`);
  }
  if (rank === 0) return { axis: 0, outer: 1, size: 1, inner: 1 };
  const axis = dim < 0 ? dim + rank : dim;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= dims[i];
  let inner = 1;
  for (let i = axis + 1; i < rank; i++) inner *= dims[i];
  return { axis, outer, size: dims[axis], inner };
}
