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
 */
export function attention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, heads: number, additiveMask?: tf.Tensor4D): AttentionResult {
  const [batch, tokens, hidden] = q.shape;
  const headDim = hidden / heads;
  const splitHeads = (x: tf.Tensor3D, perm: number[]): tf.Tensor4D => tf.transpose(tf.reshape(x, [batch, tokens, heads, headDim]), perm);
  const qh = splitHeads(tf.mul(q, 1 / Math.sqrt(headDim)) as tf.Tensor3D, [0, 2, 1, 3]);
  // k as [b, h, d, t] so the product needs no transposeB (slow in tfjs-wasm).
  const kt = splitHeads(k, [0, 2, 3, 1]);
  const vh = splitHeads(v, [0, 2, 1, 3]);
  const scores = tf.matMul(qh, kt);
  const probs = tf.softmax(additiveMask ? tf.add(scores, additiveMask) : scores) as tf.Tensor4D;
  const merged = tf.transpose(tf.matMul(probs, vh), [0, 2, 1, 3]);
  return { context: tf.reshape(merged, [batch, tokens, hidden]), probs };
}
