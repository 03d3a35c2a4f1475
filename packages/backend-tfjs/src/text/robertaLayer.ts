import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../ops/activation.js';
import { attention } from '../ops/attention.js';
import { layerNorm } from '../ops/layerNorm.js';
import { linear } from '../ops/linear.js';
import type { RobertaLayerWeights } from './TextWeights.js';

/** One post-LayerNorm BERT/RoBERTa layer. */
export function robertaLayer(
  x: tf.Tensor3D,
  w: RobertaLayerWeights,
  heads: number,
  act: Activation,
  additiveMask: tf.Tensor4D,
): { hidden: tf.Tensor3D; probs: tf.Tensor4D } {
  const [q, k, v] = tf.split(linear(x, w.qkv), 3, -1) as tf.Tensor3D[];
  const { context, probs } = attention(q, k, v, heads, additiveMask);
  const attended = layerNorm(tf.add(linear(context, w.attentionOutput), x), w.attentionNorm);
  const feedForward = linear(act(linear(attended, w.intermediate)), w.output);
  return { hidden: layerNorm(tf.add(feedForward, attended), w.outputNorm) as tf.Tensor3D, probs };
}
