import { bfloat16ToNumber, float16ToNumber } from './halfBits.js';
import { TensorOpError } from './TensorOpError.js';

interface NumericView {
  readonly dtype: string;
  readonly data: ArrayLike<number | bigint>;
}

/**
 * A tensor's values as JS numbers (float16/bfloat16 decoded from their bits). int64 values beyond
 * ±2^53 cannot be represented exactly, so they are refused rather than rounded silently.
 */
export function readNumbers(t: NumericView, op: string): Float64Array {
  const n = t.data.length;
  const out = new Float64Array(n);
  if (t.dtype === 'float16' || t.dtype === 'bfloat16') {
    const decode = t.dtype === 'float16' ? float16ToNumber : bfloat16ToNumber;
    for (let i = 0; i < n; i++) out[i] = decode(t.data[i] as number);
    return out;
  }
  if (t.dtype === 'int64') {
    for (let i = 0; i < n; i++) {
      const v = t.data[i] as bigint;
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new TensorOpError(`${op}: int64 value ${v} at index ${i} is outside JavaScript's exact integer range (±2^53 − 1)`);
      }
      out[i] = Number(v);
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = t.data[i] as number;
  return out;
}
