import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../ops/activation.js';
import { attention } from '../ops/attention.js';
import { layerNorm } from '../ops/layerNorm.js';
import { linear } from '../ops/linear.js';
import type { ClipLayerWeights } from './VisionWeights.js';

/** One pre-LayerNorm CLIP encoder layer (no attention mask in the vision tower). */
export function clipEncoderLayer(x: tf.Tensor3D, w: ClipLayerWeights, heads: number, act: Activation): { hidden: tf.Tensor3D; probs: tf.Tensor4D } {
  const [q, k, v] = tf.split(linear(layerNorm(x, w.norm1), w.qkv), 3, -1) as tf.Tensor3D[];
  const { context, probs } = attention(q, k, v, heads);
  const attended = tf.add(x, linear(context, w.outProj));
  const mlp = linear(act(linear(layerNorm(attended, w.norm2), w.fc1)), w.fc2);
  return { hidden: tf.add(attended, mlp) as tf.Tensor3D, probs };
}
