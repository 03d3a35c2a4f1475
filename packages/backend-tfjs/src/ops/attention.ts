import * as tf from '@tensorflow/tfjs-core';

export interface AttentionResult {
  /** [batch, tokens, hidden]: heads merged back. */
  readonly context: tf.Tensor3D;
  /** [batch, heads, tokens, tokens]: softmax probabilities. */
  readonly probs: tf.Tensor4D;
}

/**
 * Scaled dot-product attention over already projected q, k, v ([batch, tokens, hidden]).
 * The 1/√d scale is applied to q before the product (CLIP's order; RoBERTa scales the
 * scores: same value up to rounding, and smaller intermediates for half-precision WebGL).
 * `additiveMask` is [batch, 1, 1, tokens]: 0 or float32 min per key.
 * One batched product per step: unrolling it into per-head 2-D matmuls (XNNPACK on wasm) lost
 * more to tfjs-wasm's slices than it gained (measured 1.1 s vs 1.8 s for 8×197×512, 8 heads).
 */
export function attention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, heads: number, additiveMask?: tf.Tensor4D): AttentionResult {
  const [batch, tokens, hidden] = q.shape;
  const headDim = hidden / heads;
  // Heads folded into the batch: [b·h, t, d] (k as [b·h, d, t]: no transposeB, slow in tfjs-wasm).
  const splitHeads = (x: tf.Tensor3D, perm: number[], shape: [number, number, number]): tf.Tensor3D =>
    tf.reshape(tf.transpose(tf.reshape(x, [batch, tokens, heads, headDim]), perm), shape);
  const qh = splitHeads(tf.mul(q, 1 / Math.sqrt(headDim)) as tf.Tensor3D, [0, 2, 1, 3], [batch * heads, tokens, headDim]);
  const kt = splitHeads(k, [0, 2, 3, 1], [batch * heads, headDim, tokens]);
  const vh = splitHeads(v, [0, 2, 1, 3], [batch * heads, tokens, headDim]);
  const scores = tf.reshape(tf.matMul(qh, kt), [batch, heads, tokens, tokens]);
  const probs = tf.softmax(additiveMask ? tf.add(scores, additiveMask) : scores) as tf.Tensor4D;
  const context = tf.matMul(tf.reshape(probs, [batch * heads, tokens, tokens]), vh);
  const merged = tf.transpose(tf.reshape(context, [batch, heads, tokens, headDim]), [0, 2, 1, 3]);
  return { context: tf.reshape(merged, [batch, tokens, hidden]), probs };
}
