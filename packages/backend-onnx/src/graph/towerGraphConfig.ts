import { OnnxBackendError } from '../backend/OnnxBackendError.js';

/** The config fields the graph builders read (and the graph-cache key hashes). */
export const TEXT_FIELDS = ['vocab_size', 'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size', 'hidden_act', 'max_position_embeddings', 'type_vocab_size', 'layer_norm_eps', 'project_dim'] as const;
export const VISION_FIELDS = ['hidden_size', 'num_hidden_layers', 'num_attention_heads', 'intermediate_size', 'hidden_act', 'layer_norm_eps', 'num_channels', 'patch_size'] as const;

/** Just the listed fields of a tower config, each required. */
export function pick<T extends object>(config: T, fields: readonly string[], what: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = (config as Record<string, unknown>)[f];
    if (value === undefined) throw new OnnxBackendError(`${what}: field "${f}" is missing`);
    out[f] = value;
  }
  return out;
}
