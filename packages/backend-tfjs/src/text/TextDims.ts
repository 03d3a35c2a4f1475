import type { AltCLIPTextConfig } from '@altclip/config';
import { ConfigFields } from '../config/ConfigFields.js';

/** The text config fields the RoBERTa tower needs, validated once at load. */
export interface TextDims {
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  readonly intermediate: number;
  readonly eps: number;
  readonly act: string;
  readonly vocab: number;
  readonly maxPositions: number;
  readonly typeVocab: number;
  readonly projectDim: number;
}

export function readTextDims(config: AltCLIPTextConfig): TextDims {
  const f = new ConfigFields(config, 'text_config');
  const hidden = f.positiveInteger('hidden_size');
  const heads = f.positiveInteger('num_attention_heads');
  f.headDim(hidden, heads);
  return {
    hidden,
    heads,
    layers: f.positiveInteger('num_hidden_layers'),
    intermediate: f.positiveInteger('intermediate_size'),
    eps: f.positiveNumber('layer_norm_eps'),
    act: f.string('hidden_act'),
    vocab: f.positiveInteger('vocab_size'),
    maxPositions: f.positiveInteger('max_position_embeddings'),
    typeVocab: f.positiveInteger('type_vocab_size'),
    projectDim: f.positiveInteger('project_dim'),
  };
}
