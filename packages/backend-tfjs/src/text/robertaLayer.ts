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
  // Three products rather than one fused [hidden, 3·hidden] and a split: tfjs-wasm's split
  // copies cost more than the fusion saves (measured 1.0 s vs 0.75 s at 1576×512).
  const [q, k, v] = [w.query, w.key, w.value].map((p) => linear(x, p) as tf.Tensor3D);
  const { context, probs } = attention(q, k, v, heads, additiveMask);
  const attended = layerNorm(tf.add(linear(context, w.attentionOutput), x), w.attentionNorm);
  const feedForward = linear(act(linear(attended, w.intermediate)), w.output);
  return { hidden: layerNorm(tf.add(feedForward, attended), w.outputNorm) as tf.Tensor3D, probs };
}
