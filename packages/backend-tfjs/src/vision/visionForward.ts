import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../ops/activation.js';
import { layerNorm } from '../ops/layerNorm.js';
import { linear } from '../ops/linear.js';
import { patchEmbedding } from '../ops/patchEmbedding.js';
import { runLayers } from '../ops/runLayers.js';
import { clipEncoderLayer } from './clipEncoderLayer.js';
import type { VisionWeights } from './VisionWeights.js';

// A type alias, not an interface, so that it is assignable to tf.tidy's TensorContainer.
export type VisionForwardResult = {
  lastHiddenState: tf.Tensor3D;
  poolerOutput: tf.Tensor2D;
  embeds?: tf.Tensor2D;
  hiddenStates?: tf.Tensor3D[];
  attentions?: tf.Tensor4D[];
};

/**
 * AltCLIP's CLIP ViT, synchronous for `tf.tidy` (layers free their intermediates, see runLayers):
 * patches + class token + positions → pre_layrnorm → layers → (last hidden state) →
 * post_layernorm(class token) → projection.
 * `positionEmbedding` is the stored table or core's interpolation of it.
 */
export function visionForward(
  w: VisionWeights,
  heads: number,
  act: Activation,
  pixels: tf.Tensor4D,
  positionEmbedding: tf.Tensor2D,
  keep: { hiddenStates: boolean; attentions: boolean },
): VisionForwardResult {
  const [batch] = pixels.shape;
  const hidden = w.patchFilter.shape[3];
  const embedded = tf.tidy(() => {
    const patches = patchEmbedding(pixels, w.patchFilter);
    const classTokens = tf.tile(w.classEmbedding, [batch, 1, 1]);
    const embeddings = tf.add(tf.concat([classTokens, patches], 1), positionEmbedding);
    return layerNorm(embeddings, w.preNorm) as tf.Tensor3D;
  });
  const { last: state, hiddenStates, attentions } = runLayers(embedded, w.layers, (x, layer) => clipEncoderLayer(x, layer, heads, act), keep);
  const classToken = tf.reshape(tf.slice(state, [0, 0, 0], [batch, 1, hidden]), [batch, hidden]);
  const poolerOutput = layerNorm(classToken, w.postNorm) as tf.Tensor2D;
  const embeds = w.projection ? (linear(poolerOutput, w.projection) as tf.Tensor2D) : undefined;
  return { lastHiddenState: state, poolerOutput, embeds, hiddenStates, attentions };
}
