import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../ops/activation.js';
import { attention } from '../ops/attention.js';
import { layerNorm } from '../ops/layerNorm.js';
import { linear } from '../ops/linear.js';
import type { ClipLayerWeights } from './VisionWeights.js';

/** One pre-LayerNorm CLIP encoder layer (no attention mask in the vision tower). */
export function clipEncoderLayer(x: tf.Tensor3D, w: ClipLayerWeights, heads: number, act: Activation): { hidden: tf.Tensor3D; probs: tf.Tensor4D } {
  const normed = layerNorm(x, w.norm1);
  // Separate products, not fused + split: see robertaLayer.
  const [q, k, v] = [w.q, w.k, w.v].map((p) => linear(normed, p) as tf.Tensor3D);
  const { context, probs } = attention(q, k, v, heads);
  const attended = tf.add(x, linear(context, w.outProj));
  const mlp = linear(act(linear(layerNorm(attended, w.norm2), w.fc1)), w.fc2);
  return { hidden: tf.add(attended, mlp) as tf.Tensor3D, probs };
}
