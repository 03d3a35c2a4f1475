import type { DType } from '../../tensor/Tensor.js';

/** A torch legacy storage class (`torch.FloatStorage`, …) and the Tensor dtype its bytes decode to. */
export interface TorchStorageType {
  readonly className: string;
  readonly dtype: DType;
  readonly elementSize: number;
}

const TYPES: readonly TorchStorageType[] = [
  { className: 'FloatStorage', dtype: 'float32', elementSize: 4 },
  { className: 'DoubleStorage', dtype: 'float64', elementSize: 8 },
  { className: 'HalfStorage', dtype: 'float16', elementSize: 2 },
  { className: 'BFloat16Storage', dtype: 'bfloat16', elementSize: 2 },
  { className: 'LongStorage', dtype: 'int64', elementSize: 8 },
  { className: 'IntStorage', dtype: 'int32', elementSize: 4 },
  { className: 'ShortStorage', dtype: 'int16', elementSize: 2 },
  { className: 'CharStorage', dtype: 'int8', elementSize: 1 },
  { className: 'ByteStorage', dtype: 'uint8', elementSize: 1 },
  { className: 'BoolStorage', dtype: 'bool', elementSize: 1 },
];

/** Storage classes keyed by their pickled name (`torch.FloatStorage`). */
export const TORCH_STORAGE_TYPES: ReadonlyMap<string, TorchStorageType> = new Map(TYPES.map((t) => [`torch.${t.className}`, t]));
