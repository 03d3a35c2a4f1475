import type * as tf from '@tensorflow/tfjs-core';
import type { LayerNormWeights } from '../ops/layerNorm.js';
import type { LinearWeights } from '../ops/linear.js';
import type { WeightReader } from '../weights/WeightReader.js';
import type { TextDims } from './TextDims.js';

export interface RobertaLayerWeights {
  /** query, key, value fused to [hidden, 3·hidden]. */
  readonly qkv: LinearWeights;
  readonly attentionOutput: LinearWeights;
  readonly attentionNorm: LayerNormWeights;
  readonly intermediate: LinearWeights;
  readonly output: LinearWeights;
  readonly outputNorm: LayerNormWeights;
}

export interface TextWeights {
  readonly wordEmbeddings: tf.Tensor2D;
  readonly positionEmbeddings: tf.Tensor2D;
  readonly tokenTypeEmbeddings: tf.Tensor2D;
  readonly embeddingNorm: LayerNormWeights;
  readonly layers: readonly RobertaLayerWeights[];
  readonly preLN: LayerNormWeights;
  readonly transformation: LinearWeights;
  /** Absent for a bare text model: then no embeddings are returned. */
  readonly projection?: LinearWeights;
}

/** HF `AltRobertaModel` + `pre_LN` + `transformation` + `text_projection` names. */
export function loadTextWeights(reader: WeightReader, d: TextDims): TextWeights {
  const e = 'roberta.embeddings';
  const layers = Array.from({ length: d.layers }, (_, i): RobertaLayerWeights => {
    const p = `roberta.encoder.layer.${i}`;
    return {
      qkv: reader.fusedLinear([`${p}.attention.self.query`, `${p}.attention.self.key`, `${p}.attention.self.value`], d.hidden, d.hidden),
      attentionOutput: reader.linear(`${p}.attention.output.dense`, d.hidden, d.hidden),
      attentionNorm: reader.layerNorm(`${p}.attention.output.LayerNorm`, d.hidden, d.eps),
      intermediate: reader.linear(`${p}.intermediate.dense`, d.hidden, d.intermediate),
      output: reader.linear(`${p}.output.dense`, d.intermediate, d.hidden),
      outputNorm: reader.layerNorm(`${p}.output.LayerNorm`, d.hidden, d.eps),
    };
  });
  const projectionDim = reader.outFeatures('text_projection.weight');
  return {
    wordEmbeddings: reader.tensor(`${e}.word_embeddings.weight`, [d.vocab, d.hidden]) as tf.Tensor2D,
    positionEmbeddings: reader.tensor(`${e}.position_embeddings.weight`, [d.maxPositions, d.hidden]) as tf.Tensor2D,
    tokenTypeEmbeddings: reader.tensor(`${e}.token_type_embeddings.weight`, [d.typeVocab, d.hidden]) as tf.Tensor2D,
    embeddingNorm: reader.layerNorm(`${e}.LayerNorm`, d.hidden, d.eps),
    layers,
    preLN: reader.layerNorm('pre_LN', d.hidden, d.eps),
    transformation: reader.linear('transformation', d.hidden, d.projectDim),
    projection: reader.has('text_projection.weight') ? reader.linear('text_projection', d.projectDim, projectionDim ?? -1, false) : undefined,
  };
}
