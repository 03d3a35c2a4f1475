import type { ConfigDict } from './ConfigSchema.js';

/**
 * The architecture fields of the released BAAI/AltCLIP checkpoint: XLM-R large text tower (its HF defaults) with a
 * 768-wide transformation, CLIP ViT-L/14 at 224 px, shared projection 768. Weights are not included; pass this to
 * `new AltCLIPConfig(...)` (or use `AltCLIPConfig.baai()`) to build a full-size model shape.
 */
export const BAAI_ALTCLIP_CONFIG = Object.freeze({
  projection_dim: 768,
  logit_scale_init_value: 2.6592,
  text_config: Object.freeze({
    vocab_size: 250002,
    hidden_size: 1024,
    num_hidden_layers: 24,
    num_attention_heads: 16,
    intermediate_size: 4096,
    hidden_act: 'gelu',
    max_position_embeddings: 514,
    type_vocab_size: 1,
    layer_norm_eps: 1e-5,
    pad_token_id: 1,
    bos_token_id: 0,
    eos_token_id: 2,
    project_dim: 768,
  }),
  vision_config: Object.freeze({
    hidden_size: 1024,
    intermediate_size: 4096,
    num_hidden_layers: 24,
    num_attention_heads: 16,
    num_channels: 3,
    image_size: 224,
    patch_size: 14,
    hidden_act: 'quick_gelu',
    layer_norm_eps: 1e-5,
  }),
}) satisfies ConfigDict;
