import type { Tensor } from '@altclip/core';
import { WebGPUBackendInputError } from '../errors/WebGPUBackendInputError.js';

/**
 * int64/int32 ids as int32 for the GPU, each checked against its table: an
 * out-of-range index would silently read another row (WebGPU clamps, never traps).
 */
export function integerInput(tensor: Tensor, name: string, tableSize: number, tableName: string): Int32Array {
  if (tensor.dtype !== 'int64' && tensor.dtype !== 'int32') {
    throw new WebGPUBackendInputError(`${name} has dtype ${tensor.dtype}; expected int64 or int32`);
  }
  const out = new Int32Array(tensor.size);
  const data = tensor.data as BigInt64Array | Int32Array;
  for (let i = 0; i < out.length; i++) {
    const value = Number(data[i]);
    if (!(value >= 0 && value < tableSize)) {
      throw new WebGPUBackendInputError(`${name}[${i}] = ${value} is outside ${tableName} (0…${tableSize - 1})`);
    }
    out[i] = value;
  }
  return out;
}
