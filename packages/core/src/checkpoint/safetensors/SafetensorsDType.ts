import type { DType } from '../../tensor/Tensor.js';

/** The on-disk dtype names safetensors uses, with their core dtype and element size. */
export const SAFETENSORS_DTYPES = {
  F64: { dtype: 'float64', bytes: 8 },
  F32: { dtype: 'float32', bytes: 4 },
  F16: { dtype: 'float16', bytes: 2 },
  BF16: { dtype: 'bfloat16', bytes: 2 },
  I64: { dtype: 'int64', bytes: 8 },
  I32: { dtype: 'int32', bytes: 4 },
  I16: { dtype: 'int16', bytes: 2 },
  I8: { dtype: 'int8', bytes: 1 },
  U8: { dtype: 'uint8', bytes: 1 },
  BOOL: { dtype: 'bool', bytes: 1 },
} as const satisfies Record<string, { dtype: DType; bytes: number }>;

export type SafetensorsDType = keyof typeof SAFETENSORS_DTYPES;

export function isSafetensorsDType(value: unknown): value is SafetensorsDType {
  return typeof value === 'string' && Object.hasOwn(SAFETENSORS_DTYPES, value);
}

export function safetensorsDTypeOf(dtype: DType): SafetensorsDType {
  for (const [name, info] of Object.entries(SAFETENSORS_DTYPES)) {
    if (info.dtype === dtype) return name as SafetensorsDType;
  }
  throw new TypeError(`no safetensors dtype for '${dtype}'`);
}
