import type * as tf from '@tensorflow/tfjs-core';
import type { LayerNormWeights } from '../ops/layerNorm.js';
import type { LinearWeights } from '../ops/linear.js';
import type { WeightReader } from '../weights/WeightReader.js';
import type { VisionDims } from './VisionDims.js';

export interface ClipLayerWeights {
  readonly norm1: LayerNormWeights;
  readonly q: LinearWeights;
  readonly k: LinearWeights;
  readonly v: LinearWeights;
  readonly outProj: LinearWeights;
  readonly norm2: LayerNormWeights;
  readonly fc1: LinearWeights;
  readonly fc2: LinearWeights;
}

export interface VisionWeights {
  /** [p, p, channels, hidden]. */
  readonly patchFilter: tf.Tensor4D;
  /** [1, 1, hidden]. */
  readonly classEmbedding: tf.Tensor3D;
  /** [positions, hidden]. */
  readonly positionEmbedding: tf.Tensor2D;
  readonly preNorm: LayerNormWeights;
  readonly layers: readonly ClipLayerWeights[];
  readonly postNorm: LayerNormWeights;
  /** Absent for a bare vision model: then no embeddings are returned. */
  readonly projection?: LinearWeights;
}

/** HF `AltCLIPVisionTransformer` + `visual_projection` names. */
export function loadVisionWeights(reader: WeightReader, d: VisionDims): VisionWeights {
  const layers = Array.from({ length: d.layers }, (_, i): ClipLayerWeights => {
    const p = `encoder.layers.${i}`;
    return {
      norm1: reader.layerNorm(`${p}.layer_norm1`, d.hidden, d.eps),
      q: reader.linear(`${p}.self_attn.q_proj`, d.hidden, d.hidden),
      k: reader.linear(`${p}.self_attn.k_proj`, d.hidden, d.hidden),
      v: reader.linear(`${p}.self_attn.v_proj`, d.hidden, d.hidden),
      outProj: reader.linear(`${p}.self_attn.out_proj`, d.hidden, d.hidden),
      norm2: reader.layerNorm(`${p}.layer_norm2`, d.hidden, d.eps),
      fc1: reader.linear(`${p}.mlp.fc1`, d.hidden, d.intermediate),
      fc2: reader.linear(`${p}.mlp.fc2`, d.intermediate, d.hidden),
    };
  });
  return {
    patchFilter: reader.convFilter('embeddings.patch_embedding.weight', [d.hidden, d.channels, d.patch, d.patch]),
    classEmbedding: reader.tensor('embeddings.class_embedding', [d.hidden], [1, 1, d.hidden]) as tf.Tensor3D,
    positionEmbedding: reader.tensor('embeddings.position_embedding.weight', [d.positions, d.hidden]) as tf.Tensor2D,
    preNorm: reader.layerNorm('pre_layrnorm', d.hidden, d.eps),
    layers,
    postNorm: reader.layerNorm('post_layernorm', d.hidden, d.eps),
    projection: reader.has('visual_projection.weight')
      ? reader.linear('visual_projection', d.hidden, reader.outFeatures('visual_projection.weight') ?? -1, false)
      : undefined,
  };
}
