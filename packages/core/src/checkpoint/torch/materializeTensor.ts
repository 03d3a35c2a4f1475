import { type DType, type DataTypeMap, Tensor } from '../../tensor/Tensor.js';
import type { TensorRef } from './TensorRef.js';

type TypedArrayConstructor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): DataTypeMap[DType]; new (length: number): DataTypeMap[DType] };

const ARRAY_TYPES: Record<DType, TypedArrayConstructor> = {
  float32: Float32Array,
  float64: Float64Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
  int64: BigInt64Array,
  int32: Int32Array,
  int16: Int16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
} as unknown as Record<DType, TypedArrayConstructor>;

/** Reverses the byte order of every element in place (checkpoints written on big-endian machines). */
export function swapBytes(bytes: Uint8Array, elementSize: number): void {
  if (elementSize === 1) return;
  for (let at = 0; at + elementSize <= bytes.length; at += elementSize) {
    for (let i = 0, j = elementSize - 1; i < j; i++, j--) {
      const t = bytes[at + i];
      bytes[at + i] = bytes[at + j];
      bytes[at + j] = t;
    }
  }
}

/**
 * Turns a strided view of little-endian storage bytes into a row-major Tensor. A contiguous view whose bytes
 * are suitably aligned shares the storage buffer; anything else is copied element by element.
 * Returns the tensor and how many bytes were newly allocated (the caller enforces a budget).
 */
export function materializeTensor(ref: TensorRef, storageBytes: Uint8Array): { tensor: Tensor; allocated: number } {
  const { dtype, elementSize } = ref.storage.type;
  const ArrayType = ARRAY_TYPES[dtype];
  const dims = ref.size;
  if (ref.isContiguous) {
    const byteStart = storageBytes.byteOffset + ref.storageOffset * elementSize;
    if (byteStart % elementSize === 0) {
      return { tensor: new Tensor(dtype, new ArrayType(storageBytes.buffer, byteStart, ref.numel), dims), allocated: 0 };
    }
    const copy = storageBytes.slice(ref.storageOffset * elementSize, (ref.storageOffset + ref.numel) * elementSize);
    return { tensor: new Tensor(dtype, new ArrayType(copy.buffer, 0, ref.numel), dims), allocated: copy.byteLength };
  }
  const out = new Uint8Array(ref.numel * elementSize);
  const rank = dims.length;
  const index = new Array<number>(rank).fill(0);
  let source = ref.storageOffset;
  for (let element = 0; element < ref.numel; element++) {
    out.set(storageBytes.subarray(source * elementSize, (source + 1) * elementSize), element * elementSize);
    // Odometer increment over the view's indices, last dimension fastest.
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      source += ref.stride[d];
      if (index[d] < dims[d]) break;
      source -= ref.stride[d] * dims[d];
      index[d] = 0;
    }
  }
  return { tensor: new Tensor(dtype, new ArrayType(out.buffer, 0, ref.numel), dims), allocated: out.byteLength };
}
