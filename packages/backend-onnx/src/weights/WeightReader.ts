import type { Tensor, TowerWeights } from '@altclip/core';
import { WeightError } from './WeightError.js';
import { tensorToFloat32 } from './tensorToFloat32.js';

/**
 * Reads tower weights by their HF name as float32, checking shapes against the config.
 * Float16/bfloat16/float64 checkpoints are widened here so that graph building only
 * ever sees float32 (narrowing to the requested dtype happens once, at the end).
 */
export class WeightReader {
  readonly tower: string;
  private readonly weights: TowerWeights;

  constructor(tower: string, weights: TowerWeights) {
    this.tower = tower;
    this.weights = weights;
  }

  has(name: string): boolean {
    return this.weights.has(name);
  }

  dimsOf(name: string): readonly number[] {
    const tensor = this.weights.get(name);
    if (!tensor) throw new WeightError(`${this.tower} weights: missing "${name}"`);
    return tensor.dims;
  }

  tensor(name: string, dims: readonly number[]): Tensor {
    const tensor = this.weights.get(name);
    if (!tensor) throw new WeightError(`${this.tower} weights: missing "${name}" (expected shape [${dims.join(', ')}])`);
    if (tensor.dims.length !== dims.length || tensor.dims.some((d, i) => d !== dims[i])) {
      throw new WeightError(`${this.tower} weights: "${name}" has shape [${tensor.dims.join(', ')}], expected [${dims.join(', ')}] from the config`);
    }
    return tensor;
  }

  float32(name: string, dims: readonly number[]): Float32Array {
    return tensorToFloat32(this.tensor(name, dims), `${this.tower} weights: "${name}"`);
  }

  /** Bytes hashed for the graph cache: names, dtypes, shapes and raw data in a stable order. */
  *hashParts(): Generator<Uint8Array> {
    const encoder = new TextEncoder();
    for (const name of [...this.weights.keys()].sort()) {
      const t = this.weights.get(name) as Tensor;
      yield encoder.encode(`${name}|${t.dtype}|${t.dims.join('x')}|`);
      yield new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    }
  }
}
