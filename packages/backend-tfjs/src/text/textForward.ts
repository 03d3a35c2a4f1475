import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../ops/activation.js';
import { embeddingLookup } from '../ops/EmbeddingTable.js';
import { layerNorm } from '../ops/layerNorm.js';
import { linear } from '../ops/linear.js';
import { runLayers } from '../ops/runLayers.js';
import { robertaLayer } from './robertaLayer.js';
import type { TextWeights } from './TextWeights.js';

export interface TextForwardInputs {
  /** float32 [batch, seq, hidden]: word embeddings, looked up on the host. */
  readonly wordEmbeddings: tf.Tensor3D;
  /** From `embeddingIndices`: int32 [batch, seq] (or [batch, seq, 2] for blocked tables). */
  readonly positionIds: tf.Tensor;
  readonly tokenTypeIds: tf.Tensor;
  /** float32 [batch, 1, 1, seq]. */
  readonly additiveMask: tf.Tensor4D;
}

// A type alias, not an interface, so that it is assignable to tf.tidy's TensorContainer.
export type TextForwardResult = {
  lastHiddenState: tf.Tensor3D;
  poolerOutput: tf.Tensor2D;
  embeds?: tf.Tensor2D;
  hiddenStates?: tf.Tensor3D[];
  attentions?: tf.Tensor4D[];
};

/**
 * AltCLIP's text tower, synchronous so that the caller can run it inside `tf.tidy`
 * (the layers free their own intermediates as they go, see runLayers):
 * RoBERTa embeddings → layers → pre_LN → transformation; pooler = token 0 → projection.
 */
export function textForward(
  w: TextWeights,
  heads: number,
  act: Activation,
  inputs: TextForwardInputs,
  keep: { hiddenStates: boolean; attentions: boolean },
): TextForwardResult {
  const [batch] = inputs.wordEmbeddings.shape;
  // Same summation order as HF: words + token types, then + positions.
  const embedded = tf.tidy(() => {
    const summed = tf.add(
      tf.add(inputs.wordEmbeddings, embeddingLookup(w.tokenTypeEmbeddings, inputs.tokenTypeIds)),
      embeddingLookup(w.positionEmbeddings, inputs.positionIds),
    );
    return layerNorm(summed, w.embeddingNorm) as tf.Tensor3D;
  });
  const { last, hiddenStates, attentions } = runLayers(embedded, w.layers, (x, layer) => robertaLayer(x, layer, heads, act, inputs.additiveMask), keep);
  const lastHiddenState = linear(layerNorm(last, w.preLN), w.transformation) as tf.Tensor3D;
  const width = lastHiddenState.shape[2];
  const poolerOutput = tf.reshape(tf.slice(lastHiddenState, [0, 0, 0], [batch, 1, width]), [batch, width]) as tf.Tensor2D;
  const embeds = w.projection ? (linear(poolerOutput, w.projection) as tf.Tensor2D) : undefined;
  return { lastHiddenState, poolerOutput, embeds, hiddenStates, attentions };
}
