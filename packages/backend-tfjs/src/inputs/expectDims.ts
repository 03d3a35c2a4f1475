import type { Tensor } from '@altclip/core';
import { TowerInputError } from '../errors/TowerInputError.js';

export function formatDims(dims: readonly number[]): string {
  return `[${dims.join(', ')}]`;
}

/** Throws unless `tensor` has exactly `dims`; `what` says where the expectation comes from. */
export function expectDims(tensor: Tensor, argument: string, dims: readonly number[], what: string): void {
  if (tensor.dims.length !== dims.length || tensor.dims.some((d, i) => d !== dims[i])) {
    throw new TowerInputError(`${argument}: expected shape ${formatDims(dims)} (${what}), got ${formatDims(tensor.dims)}`);
  }
}
