import { readNumbers } from './ops/readNumbers.js';
import { softmaxValues } from './ops/softmax.js';
import { TensorOpError } from './ops/TensorOpError.js';
import { type NestedList, nest } from './ops/tolist.js';
import { topkPositions } from './ops/topk.js';

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

  /**
   * torch's `tensor.softmax(dim)` (HF's `logits_per_image.softmax(dim=1)`): `dim` is required as in torch,
   * negative counts from the end. float64 stays float64; every other float dtype gives float32
   * (float16/bfloat16 are widened, computed in float64 and rounded once). Integer tensors are refused, as torch does.
   */
  softmax(dim: number): Tensor<SoftmaxDType<D>> {
    if (!isFloat(this.dtype)) throw new TensorOpError(`softmax: expected a floating-point tensor, got dtype '${this.dtype}'`);
    const values = softmaxValues(readNumbers(this, 'softmax'), this.dims, dim);
    const data = this.dtype === 'float64' ? values : Float32Array.from(values);
    return new Tensor((this.dtype === 'float64' ? 'float64' : 'float32') as SoftmaxDType<D>, data as DataTypeMap[SoftmaxDType<D>], this.dims);
  }

  /**
   * torch's `tensor.topk(k, dim=-1)` (largest, sorted): values keep this tensor's dtype, indices are int64
   * positions along `dim`. Ties keep the lower index first; NaN counts as the largest value, as in torch.
   */
  topk(k: number, dim = -1): { values: Tensor<D>; indices: Tensor<'int64'> } {
    const { positions, dims, layout } = topkPositions(readNumbers(this, 'topk'), this.dims, k, dim);
    const { size, inner } = layout;
    const Ctor = this.data.constructor as new (length: number) => DataTypeMap[D];
    const values = new Ctor(positions.length);
    const indices = new BigInt64Array(positions.length);
    for (let p = 0; p < positions.length; p++) {
      const j = p % inner;
      const o = Math.floor(p / (k * inner));
      (values as unknown as unknown[])[p] = (this.data as unknown as unknown[])[o * size * inner + positions[p] * inner + j];
      indices[p] = BigInt(positions[p]);
    }
    return { values: new Tensor(this.dtype, values, dims), indices: new Tensor('int64', indices, dims) };
  }

  /**
   * torch's `tensor.tolist()`: nested arrays of numbers (booleans for bool; float16/bfloat16 decoded;
   * int64 as numbers, refused beyond ±2^53 rather than rounded). A 0-d tensor gives its value.
   */
  tolist(): NestedList<D extends 'bool' ? boolean : number> {
    return nest(this.toArray() as (D extends 'bool' ? boolean : number)[], this.dims);
  }

  /** The values as one flat row-major JS array (the same conversions as `tolist()`). */
  toArray(): (D extends 'bool' ? boolean : number)[] {
    const values = Array.from(readNumbers(this, 'toArray'));
    return (this.dtype === 'bool' ? values.map((v) => v !== 0) : values) as (D extends 'bool' ? boolean : number)[];
  }
}

/** What `softmax` returns for a tensor of dtype D. */
export type SoftmaxDType<D extends DType> = D extends 'float64' ? 'float64' : 'float32';

function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16';
}

/** A `Tensor` as is, or a structural `TensorLike` wrapped (shape checked, data not copied). */
export function asTensor<D extends DType>(value: Tensor<D> | TensorLike<D>): Tensor<D> {
  return value instanceof Tensor ? value : new Tensor(value.dtype, value.data, value.dims);
}
