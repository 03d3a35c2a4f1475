import * as tf from '@tensorflow/tfjs-core';

/**
 * Largest n such that every integer in [0, n] is exact in float16. WebGL's half-float
 * textures store int32 tensors (gather indices included) as float16, so a vocabulary
 * id above 2048 would fetch a neighbouring row (3001 → 3000).
 */
export const HALF_EXACT_ROWS = 2048;

/**
 * An embedding table. Where indices travel as float16, the table is stored as
 * [blocks, 2048, hidden] and each id is looked up as (id / 2048, id % 2048): both parts
 * stay exact, and the flat address is computed in the shader at full precision.
 */
export interface EmbeddingTable {
  /** [rows, hidden], or [blocks, HALF_EXACT_ROWS, hidden] when blocked. */
  readonly table: tf.Tensor;
  readonly blocked: boolean;
}

/** Indices for `embeddingLookup`: [batch, seq] ids, or [batch, seq, 2] (block, row) pairs when blocked. */
export function embeddingIndices(ids: Int32Array, batch: number, seq: number, blocked: boolean): tf.Tensor {
  if (!blocked) return tf.tensor2d(ids, [batch, seq], 'int32');
  const pairs = new Int32Array(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    pairs[2 * i] = Math.floor(ids[i] / HALF_EXACT_ROWS);
    pairs[2 * i + 1] = ids[i] % HALF_EXACT_ROWS;
  }
  return tf.tensor3d(pairs, [batch, seq, 2], 'int32');
}

/** [batch, seq, hidden] rows of `e` for indices made by `embeddingIndices`. */
export function embeddingLookup(e: EmbeddingTable, indices: tf.Tensor): tf.Tensor3D {
  return (e.blocked ? tf.gatherND(e.table, indices) : tf.gather(e.table, indices)) as tf.Tensor3D;
}
