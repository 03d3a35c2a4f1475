import { float16ToNumber, type Tensor } from '@altclip/core';
import { WeightError } from './WeightError.js';

/** The tensor's values as float32 (no copy when already float32). */
export function tensorToFloat32(tensor: Tensor, what: string): Float32Array {
  switch (tensor.dtype) {
    case 'float32':
      return tensor.data as Float32Array;
    case 'float64':
      return Float32Array.from(tensor.data as Float64Array);
    case 'float16':
      return Float32Array.from(tensor.data as Uint16Array, float16ToNumber);
    case 'bfloat16': {
      const bits = tensor.data as Uint16Array;
      const wide = new Uint32Array(bits.length);
      for (let i = 0; i < bits.length; i++) wide[i] = bits[i] << 16;
      return new Float32Array(wide.buffer);
    }
    default:
      throw new WeightError(`${what} has dtype ${tensor.dtype}, expected a float dtype`);
  }
}
