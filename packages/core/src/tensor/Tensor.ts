/**
 * A runtime-free tensor: a dtype, a shape and a flat row-major typed array.
 * Every package exchanges data through this type so that no package is bound
 * to one runtime (onnxruntime, tfjs or WebGPU tensors stay inside backends).
 */
export type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** float16/bfloat16 data keeps the raw 16-bit patterns; int64 uses BigInt64Array. */
export interface DataTypeMap {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
  int64: BigInt64Array;
  int32: Int32Array;
  int16: Int16Array;
  int8: Int8Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

export type TensorData = DataTypeMap[DType];

/**
 * Any `{dtype, dims, data}` object, e.g. @altclip/processor's pixel values, which are
 * structurally tensors without depending on core.
 */
export interface TensorLike<D extends DType = DType> {
  readonly dtype: D;
  readonly dims: readonly number[];
  readonly data: DataTypeMap[D];
}

export class TensorShapeError extends Error {
  override name = 'TensorShapeError';
}

export class Tensor<D extends DType = DType> {
  readonly dtype: D;
  readonly dims: readonly number[];
  readonly data: DataTypeMap[D];

  constructor(dtype: D, data: DataTypeMap[D], dims: readonly number[]) {
    const size = dims.reduce((a, b) => a * b, 1);
    for (const d of dims) {
      if (!Number.isInteger(d) || d < 0) throw new TensorShapeError(`dims must be non-negative integers, got [${dims.join(', ')}]`);
    }
    if (data.length !== size) {
      throw new TensorShapeError(`data has ${data.length} elements but dims [${dims.join(', ')}] need ${size}`);
    }
    this.dtype = dtype;
    this.data = data;
    this.dims = Object.freeze([...dims]);
  }

  get size(): number {
    return this.data.length;
  }
}

/** A `Tensor` as is, or a structural `TensorLike` wrapped (shape checked, data not copied). */
export function asTensor<D extends DType>(value: Tensor<D> | TensorLike<D>): Tensor<D> {
  return value instanceof Tensor ? value : new Tensor(value.dtype, value.data, value.dims);
}
