import { WebGPUBackendInputError } from '../errors/WebGPUBackendInputError.js';
import { fromBfloat16Array, fromFloat16Array, type Tensor, toFloat16Array, type TowerWeights } from '@altclip/core';
import type { GpuContext } from '../gpu/GpuContext.js';
import { BufferUsage } from '../gpu/gpuConstants.js';
import type { GpuTensor, StorageType } from '../gpu/GpuTensor.js';

/** Uploads a tower's weights once, checking names and shapes, and owns the resulting buffers. */
export class WeightUploader {
  readonly #context: GpuContext;
  readonly #weights: TowerWeights;
  readonly #storage: StorageType;
  readonly #tower: string;
  readonly #buffers: GPUBuffer[] = [];

  constructor(context: GpuContext, weights: TowerWeights, storage: StorageType, tower: string) {
    this.#context = context;
    this.#weights = weights;
    this.#storage = storage;
    this.#tower = tower;
  }

  has(name: string): boolean {
    return this.#weights.has(name);
  }

  /** Float32 values of a weight, checked against the expected shape (-1: any size). */
  values(name: string, dims: readonly number[]): Float32Array {
    const tensor = this.#weights.get(name);
    if (!tensor) throw new WebGPUBackendInputError(`${this.#tower} weights: "${name}" is missing`);
    const same = tensor.dims.length === dims.length && tensor.dims.every((d, i) => dims[i] < 0 || d === dims[i]);
    if (!same) {
      throw new WebGPUBackendInputError(
        `${this.#tower} weights: "${name}" has shape [${tensor.dims.join(', ')}], the config needs [${dims.map((d) => (d < 0 ? 'any' : d)).join(', ')}]`,
      );
    }
    return toFloat32(tensor, `${this.#tower} weights: "${name}"`);
  }

  upload(name: string, dims: readonly number[]): GpuTensor {
    return this.uploadValues(this.values(name, dims), this.#weights.get(name)!.dims, name);
  }

  /** Several weights concatenated along their first axis (q, k and v into one matmul). */
  uploadConcatenated(names: readonly string[], dims: readonly number[]): GpuTensor {
    const parts = names.map((name) => this.values(name, dims));
    const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    return this.uploadValues(joined, [dims[0] * names.length, ...dims.slice(1)], names.join('+'));
  }

  uploadValues(values: Float32Array, dims: readonly number[], label: string): GpuTensor {
    const payload = this.#storage === 'f16' ? toFloat16Array(values) : values;
    const maxBinding = this.#context.device.limits.maxStorageBufferBindingSize;
    if (payload.byteLength > maxBinding) {
      throw new WebGPUBackendInputError(
        `${this.#tower} weights: "${label}" needs ${payload.byteLength} bytes, more than this adapter's maxStorageBufferBindingSize ${maxBinding}`,
      );
    }
    const buffer = this.#context.createBufferWithData(payload, BufferUsage.STORAGE, label);
    this.#buffers.push(buffer);
    return { buffer, dims: [...dims], type: this.#storage };
  }

  destroy(): void {
    for (const buffer of this.#buffers) buffer.destroy();
    this.#buffers.length = 0;
  }
}

function toFloat32(tensor: Tensor, what: string): Float32Array {
  switch (tensor.dtype) {
    case 'float32':
      return tensor.data as Float32Array;
    case 'float64':
      return Float32Array.from(tensor.data as Float64Array);
    case 'float16':
      return fromFloat16Array(tensor.data as Uint16Array);
    case 'bfloat16':
      return fromBfloat16Array(tensor.data as Uint16Array);
    default:
      throw new WebGPUBackendInputError(`${what} has dtype ${tensor.dtype}; expected a float dtype`);
  }
}
