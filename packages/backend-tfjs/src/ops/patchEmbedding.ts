import * as tf from '@tensorflow/tfjs-core';

/**
 * CLIP's bias-free patch Conv2d (kernel = stride = patch, no padding, remainder rows and
 * columns dropped like torch) on NCHW pixels. `filter` is [p, p, channels, hidden]
 * (transposed once at load from torch's [hidden, channels, p, p]); tfjs convolves NHWC.
 * Returns [batch, gridH·gridW, hidden] in torch's row-major patch order.
 */
export function patchEmbedding(pixels: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor3D {
  const patch = filter.shape[0];
  const hidden = filter.shape[3];
  const nhwc = tf.transpose(pixels, [0, 2, 3, 1]);
  const grid = tf.conv2d(nhwc, filter, patch, 'valid');
  const [batch, gridH, gridW] = grid.shape;
  return tf.reshape(grid, [batch, gridH * gridW, hidden]);
}
