import type { Tensor } from '@altclip/core';

/**
 * float32 data of a checkpoint tensor. tfjs has no 16-bit float dtype, so float16/bfloat16
 * checkpoints are widened here (exactly: every half value is a float32 value).
 * Returns undefined for non-float dtypes.
 */
export function widenToFloat32(tensor: Tensor): Float32Array | undefined {
  switch (tensor.dtype) {
    case 'float32':
      return tensor.data as Float32Array;
    case 'float64':
      return Float32Array.from(tensor.data as Float64Array);
    case 'bfloat16': {
      const bits = tensor.data as Uint16Array;
      const wide = new Uint32Array(bits.length);
      for (let i = 0; i < bits.length; i++) wide[i] = bits[i] << 16;
      return new Float32Array(wide.buffer);
    }
    case 'float16': {
      const bits = tensor.data as Uint16Array;
      const out = new Float32Array(bits.length);
      for (let i = 0; i < bits.length; i++) out[i] = halfToFloat(bits[i]);
      return out;
    }
    default:
      return undefined;
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
