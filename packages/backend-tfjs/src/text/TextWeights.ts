import type { EmbeddingTable } from '../ops/EmbeddingTable.js';
import type { LayerNormWeights } from '../ops/layerNorm.js';
import type { LinearWeights } from '../ops/linear.js';
import type { HostEmbedding } from '../weights/HostEmbedding.js';
import type { WeightReader } from '../weights/WeightReader.js';
import type { TextDims } from './TextDims.js';

export interface RobertaLayerWeights {
  readonly query: LinearWeights;
  readonly key: LinearWeights;
  readonly value: LinearWeights;
  readonly attentionOutput: LinearWeights;
  readonly attentionNorm: LayerNormWeights;
  readonly intermediate: LinearWeights;
  readonly output: LinearWeights;
  readonly outputNorm: LayerNormWeights;
}

export interface TextWeights {
  readonly wordEmbeddings: HostEmbedding;
  readonly positionEmbeddings: EmbeddingTable;
  readonly tokenTypeEmbeddings: EmbeddingTable;
  readonly embeddingNorm: LayerNormWeights;
  readonly layers: readonly RobertaLayerWeights[];
  readonly preLN: LayerNormWeights;
  readonly transformation: LinearWeights;
  /** Absent for a bare text model: then no embeddings are returned. */
  readonly projection?: LinearWeights;
}

/**
 * HF `AltRobertaModel` + `pre_LN` + `transformation` + `text_projection` names.
 * `halfIndices`: the runtime stores indices as float16 (WebGL half-float textures).
 */
export function loadTextWeights(reader: WeightReader, d: TextDims, halfIndices: boolean): TextWeights {
  const e = 'roberta.embeddings';
  const layers = Array.from({ length: d.layers }, (_, i): RobertaLayerWeights => {
    const p = `roberta.encoder.layer.${i}`;
    return {
      query: reader.linear(`${p}.attention.self.query`, d.hidden, d.hidden),
      key: reader.linear(`${p}.attention.self.key`, d.hidden, d.hidden),
      value: reader.linear(`${p}.attention.self.value`, d.hidden, d.hidden),
      attentionOutput: reader.linear(`${p}.attention.output.dense`, d.hidden, d.hidden),
      attentionNorm: reader.layerNorm(`${p}.attention.output.LayerNorm`, d.hidden, d.eps),
      intermediate: reader.linear(`${p}.intermediate.dense`, d.hidden, d.intermediate),
      output: reader.linear(`${p}.output.dense`, d.intermediate, d.hidden),
      outputNorm: reader.layerNorm(`${p}.output.LayerNorm`, d.hidden, d.eps),
    };
  });
  const projectionDim = reader.outFeatures('text_projection.weight');
  return {
    wordEmbeddings: reader.hostEmbedding(`${e}.word_embeddings.weight`, d.vocab, d.hidden),
    positionEmbeddings: reader.embedding(`${e}.position_embeddings.weight`, d.maxPositions, d.hidden, halfIndices),
    tokenTypeEmbeddings: reader.embedding(`${e}.token_type_embeddings.weight`, d.typeVocab, d.hidden, halfIndices),
    embeddingNorm: reader.layerNorm(`${e}.LayerNorm`, d.hidden, d.eps),
    layers,
    preLN: reader.layerNorm('pre_LN', d.hidden, d.eps),
    transformation: reader.linear('transformation', d.hidden, d.projectDim),
    projection: reader.has('text_projection.weight') ? reader.linear('text_projection', d.projectDim, projectionDim ?? -1, false) : undefined,
  };
}
