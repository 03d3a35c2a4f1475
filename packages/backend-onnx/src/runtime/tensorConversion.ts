import { Tensor } from '@altclip/core';
import type { OrtModule, OrtTensor } from './OrtModule.js';

export class OnnxTensorError extends Error {
  override name = 'OnnxTensorError';
}

/** int32 ids are widened: the built graphs take int64 like HF's exported models. */
export function int64Tensor(ort: OrtModule, tensor: Tensor, argument: string): OrtTensor {
  if (tensor.dtype === 'int64') return new ort.Tensor('int64', tensor.data as BigInt64Array, tensor.dims);
  if (tensor.dtype === 'int32') return new ort.Tensor('int64', BigInt64Array.from(tensor.data as Int32Array, (v) => BigInt(v)), tensor.dims);
  throw new OnnxTensorError(`${argument}: expected an int64 or int32 tensor, got ${tensor.dtype}`);
}

export function float32Tensor(ort: OrtModule, tensor: Tensor, argument: string): OrtTensor {
  if (tensor.dtype !== 'float32') throw new OnnxTensorError(`${argument}: expected a float32 tensor, got ${tensor.dtype}`);
  return new ort.Tensor('float32', tensor.data as Float32Array, tensor.dims);
}

/** Copies an ORT output into a core tensor (ORT may reuse or free its buffer after dispose). */
export function fromOrtFloat32(value: OrtTensor | undefined, output: string): Tensor<'float32'> {
  if (!value) throw new OnnxTensorError(`the ONNX model has no output "${output}"`);
  if (value.type !== 'float32') throw new OnnxTensorError(`ONNX output "${output}" is ${value.type}, expected float32`);
  const data = Float32Array.from(value.data as Float32Array);
  value.dispose?.();
  return new Tensor('float32', data, value.dims);
}

/** Row 0 along axis 1 of a [batch, seq, width] tensor, for models without a pooler output. */
export function firstToken(hidden: Tensor<'float32'>): Tensor<'float32'> {
  const [batch, seq, width] = hidden.dims;
  const out = new Float32Array(batch * width);
  for (let b = 0; b < batch; b++) out.set(hidden.data.subarray(b * seq * width, b * seq * width + width), b * width);
  return new Tensor('float32', out, [batch, width]);
}
