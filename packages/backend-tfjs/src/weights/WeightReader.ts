import type { TowerWeights } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { TowerWeightError } from '../errors/TowerWeightError.js';
import { type EmbeddingTable, HALF_EXACT_ROWS } from '../ops/EmbeddingTable.js';
import type { LayerNormWeights } from '../ops/layerNorm.js';
import type { LinearWeights } from '../ops/linear.js';
import { HostEmbedding } from './HostEmbedding.js';
import { widenToFloat32 } from './widenToFloat32.js';

/**
 * Moves checkpoint tensors into tfjs once, checking each name and shape, and keeps
 * every tensor it made so that the tower can free them all in `dispose()`.
 * Layouts are converted here, not per forward: Linear weights to [in, out], the patch
 * Conv2d to [p, p, channels, hidden].
 */
export class WeightReader {
  readonly created: tf.Tensor[] = [];

  constructor(
    private readonly weights: TowerWeights,
    private readonly tower: string,
  ) {}

  has(name: string): boolean {
    return this.weights.has(name);
  }

  /** `name`, checked against `shape`, optionally viewed as `as` (same size). */
  tensor(name: string, shape: readonly number[], as: readonly number[] = shape): tf.Tensor {
    return this.keep(tf.tensor(this.float32(name, shape), [...as], 'float32'));
  }

  linear(prefix: string, inDim: number, outDim: number, withBias = true): LinearWeights {
    const torchWeight = this.float32(`${prefix}.weight`, [outDim, inDim]);
    const weight = this.keep(tf.tidy(() => tf.transpose(tf.tensor2d(torchWeight, [outDim, inDim])))) as tf.Tensor2D;
    const bias = withBias ? (this.tensor(`${prefix}.bias`, [outDim]) as tf.Tensor1D) : undefined;
    return { weight, bias };
  }

  /** Rows of a Linear weight ([out, in]); undefined when the tensor is absent. */
  outFeatures(name: string): number | undefined {
    const tensor = this.weights.get(name);
    return tensor && tensor.dims.length === 2 ? tensor.dims[0] : undefined;
  }

  layerNorm(prefix: string, dim: number, eps: number): LayerNormWeights {
    return {
      weight: this.tensor(`${prefix}.weight`, [dim]) as tf.Tensor1D,
      bias: this.tensor(`${prefix}.bias`, [dim]) as tf.Tensor1D,
      eps,
    };
  }

  /** A table read on the host (see HostEmbedding); references the checkpoint's float32 data, no copy. */
  hostEmbedding(name: string, rows: number, hidden: number): HostEmbedding {
    return new HostEmbedding(this.float32(name, [rows, hidden]), rows, hidden);
  }

  /** An embedding table, split into zero-padded blocks of 2048 rows when `blocked` (see EmbeddingTable). */
  embedding(name: string, rows: number, hidden: number, blocked: boolean): EmbeddingTable {
    const data = this.float32(name, [rows, hidden]);
    if (!blocked || rows <= HALF_EXACT_ROWS) return { table: this.keep(tf.tensor2d(data, [rows, hidden])), blocked: false };
    const blocks = Math.ceil(rows / HALF_EXACT_ROWS);
    const padded = new Float32Array(blocks * HALF_EXACT_ROWS * hidden);
    padded.set(data);
    return { table: this.keep(tf.tensor3d(padded, [blocks, HALF_EXACT_ROWS, hidden])), blocked: true };
  }

  /** torch Conv2d weight [out, in, kh, kw] → tfjs filter [kh, kw, in, out]. */
  convFilter(name: string, shape: readonly [number, number, number, number]): tf.Tensor4D {
    const data = this.float32(name, shape);
    return this.keep(tf.tidy(() => tf.transpose(tf.tensor4d(data, [...shape]), [2, 3, 1, 0]))) as tf.Tensor4D;
  }

  dispose(): void {
    tf.dispose(this.created);
    this.created.length = 0;
  }

  private keep<T extends tf.Tensor>(t: T): T {
    this.created.push(t);
    return t;
  }

  private float32(name: string, shape: readonly number[]): Float32Array {
    const tensor = this.weights.get(name);
    if (!tensor) throw new TowerWeightError(`${this.tower} weights: '${name}' is missing`);
    if (tensor.dims.length !== shape.length || tensor.dims.some((d, i) => d !== shape[i])) {
      throw new TowerWeightError(`${this.tower} weights: '${name}' has shape [${tensor.dims.join(', ')}], expected [${shape.join(', ')}] from the config`);
    }
    const data = widenToFloat32(tensor);
    if (!data) throw new TowerWeightError(`${this.tower} weights: '${name}' has dtype ${tensor.dtype}, expected a float dtype`);
    return data;
  }
}
