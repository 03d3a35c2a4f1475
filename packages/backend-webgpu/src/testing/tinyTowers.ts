import type { AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import { Tensor, type TowerWeights } from '@altclip/core';
import { randomArray } from './testGpu.js';

/** A 1-layer text config with only the fields the tower reads. */
export const TINY_TEXT_CONFIG = {
  vocab_size: 10,
  hidden_size: 8,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  intermediate_size: 12,
  hidden_act: 'gelu',
  max_position_embeddings: 12,
  type_vocab_size: 1,
  layer_norm_eps: 1e-5,
  position_embedding_type: 'absolute',
  project_dim: 6,
} as unknown as AltCLIPTextConfig;

export const TINY_VISION_CONFIG = {
  hidden_size: 8,
  intermediate_size: 12,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_channels: 3,
  image_size: 8,
  patch_size: 4,
  hidden_act: 'quick_gelu',
  layer_norm_eps: 1e-5,
} as unknown as AltCLIPVisionConfig;

function weights(shapes: Record<string, number[]>): Map<string, Tensor> {
  const map = new Map<string, Tensor>();
  Object.entries(shapes).forEach(([name, dims], i) => {
    map.set(name, new Tensor('float32', randomArray(dims.reduce((a, b) => a * b, 1), i + 1, 0.5), dims));
  });
  return map;
}

export function tinyTextWeights(): Map<string, Tensor> {
  const [H, I, D] = [8, 12, 6];
  const shapes: Record<string, number[]> = {
    'roberta.embeddings.word_embeddings.weight': [10, H],
    'roberta.embeddings.position_embeddings.weight': [12, H],
    'roberta.embeddings.token_type_embeddings.weight': [1, H],
    'roberta.embeddings.LayerNorm.weight': [H],
    'roberta.embeddings.LayerNorm.bias': [H],
    'pre_LN.weight': [H],
    'pre_LN.bias': [H],
    'transformation.weight': [D, H],
    'transformation.bias': [D],
    'text_projection.weight': [4, D],
  };
  const p = 'roberta.encoder.layer.0';
  for (const n of ['query', 'key', 'value']) {
    shapes[`${p}.attention.self.${n}.weight`] = [H, H];
    shapes[`${p}.attention.self.${n}.bias`] = [H];
  }
  Object.assign(shapes, {
    [`${p}.attention.output.dense.weight`]: [H, H],
    [`${p}.attention.output.dense.bias`]: [H],
    [`${p}.attention.output.LayerNorm.weight`]: [H],
    [`${p}.attention.output.LayerNorm.bias`]: [H],
    [`${p}.intermediate.dense.weight`]: [I, H],
    [`${p}.intermediate.dense.bias`]: [I],
    [`${p}.output.dense.weight`]: [H, I],
    [`${p}.output.dense.bias`]: [H],
    [`${p}.output.LayerNorm.weight`]: [H],
    [`${p}.output.LayerNorm.bias`]: [H],
  });
  return weights(shapes);
}

export function tinyVisionWeights(): TowerWeights {
  const [H, I] = [8, 12];
  const shapes: Record<string, number[]> = {
    'embeddings.patch_embedding.weight': [H, 3, 4, 4],
    'embeddings.class_embedding': [H],
    'embeddings.position_embedding.weight': [5, H],
    'pre_layrnorm.weight': [H],
    'pre_layrnorm.bias': [H],
    'post_layernorm.weight': [H],
    'post_layernorm.bias': [H],
    'visual_projection.weight': [4, H],
  };
  const p = 'encoder.layers.0';
  for (const n of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
    shapes[`${p}.self_attn.${n}.weight`] = [H, H];
    shapes[`${p}.self_attn.${n}.bias`] = [H];
  }
  for (const n of ['layer_norm1', 'layer_norm2']) {
    shapes[`${p}.${n}.weight`] = [H];
    shapes[`${p}.${n}.bias`] = [H];
  }
  Object.assign(shapes, {
    [`${p}.mlp.fc1.weight`]: [I, H],
    [`${p}.mlp.fc1.bias`]: [I],
    [`${p}.mlp.fc2.weight`]: [H, I],
    [`${p}.mlp.fc2.bias`]: [H],
  });
  return weights(shapes);
}

export function tinyTextInputs(batch: number, seq: number) {
  const ids = Int32Array.from({ length: batch * seq }, (_, i) => 2 + (i % 7));
  const positions = Int32Array.from({ length: batch * seq }, (_, i) => 2 + (i % seq));
  return {
    inputIds: new Tensor('int32', ids, [batch, seq]),
    positionIds: new Tensor('int32', positions, [batch, seq]),
    tokenTypeIds: new Tensor('int32', new Int32Array(batch * seq), [batch, seq]),
    additiveMask: new Tensor('float32', new Float32Array(batch * seq), [batch, seq]),
  };
}
