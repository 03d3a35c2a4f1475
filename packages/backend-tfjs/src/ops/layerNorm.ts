import * as tf from '@tensorflow/tfjs-core';

export interface LayerNormWeights {
  readonly weight: tf.Tensor1D;
  readonly bias: tf.Tensor1D;
  readonly eps: number;
}

/** PyTorch LayerNorm over the last axis: biased variance, eps inside the square root. */
export function layerNorm(x: tf.Tensor, norm: LayerNormWeights): tf.Tensor {
  const centered = tf.sub(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(centered), -1, true);
  const normalised = tf.mul(centered, tf.rsqrt(tf.add(variance, norm.eps)));
  return tf.add(tf.mul(normalised, norm.weight), norm.bias);
}
