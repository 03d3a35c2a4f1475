import type { Tensor } from '@altclip/core';
import { TowerInputError } from '../errors/TowerInputError.js';

/**
 * An int64/int32 index tensor as the Int32Array tfjs gathers with, every value checked
 * against [0, limit): an out-of-range index would read another row (or garbage) in
 * tfjs' kernels instead of failing.
 */
export function indexArray(tensor: Tensor, argument: string, limit: number, limitName: string): Int32Array {
  if (tensor.dtype !== 'int64' && tensor.dtype !== 'int32') {
    throw new TowerInputError(`${argument}: expected an int64 or int32 tensor, got ${tensor.dtype}`);
  }
  const source = tensor.data as BigInt64Array | Int32Array;
  const out = new Int32Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const value = Number(source[i]);
    if (!(value >= 0 && value < limit)) {
      throw new TowerInputError(`${argument}: value ${source[i]} at flat index ${i} is outside [0, ${limit}) (${limitName})`);
    }
    out[i] = value;
  }
  return out;
}
