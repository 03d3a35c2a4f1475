import type { AltCLIPConfig, AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';

/** How HF's `_init_weights` (v4.47.1) initialises one parameter. */
export type ParameterInit =
  | { kind: 'normal'; std: number; zeroRow?: number | null }
  | { kind: 'ones' }
  | { kind: 'zeros' }
  | { kind: 'constant'; value: number };

export interface ParameterSpec {
  /** HF state_dict name. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly init: ParameterInit;
}

const ONES: ParameterInit = { kind: 'ones' };
const ZEROS: ParameterInit = { kind: 'zeros' };

function layerNorm(prefix: string, size: number): ParameterSpec[] {
  return [
    { name: `${prefix}.weight`, shape: [size], init: ONES },
    { name: `${prefix}.bias`, shape: [size], init: ZEROS },
  ];
}

function linear(prefix: string, out: number, inp: number, std: number, bias = true): ParameterSpec[] {
  const weight: ParameterSpec = { name: `${prefix}.weight`, shape: [out, inp], init: { kind: 'normal', std } };
  return bias ? [weight, { name: `${prefix}.bias`, shape: [out], init: ZEROS }] : [weight];
}

/**
 * Parameters of `AltCLIPTextModel` (no prefix). `factor` is the initializer_factor of
 * the text config: AltCLIPTextModel initialises its own modules in its `post_init`
 * (HF then skips them when the enclosing AltCLIPModel initialises), so plain
 * Linear/Embedding weights get N(0, text_config.initializer_factor).
 */
export function textParameterSpecs(config: AltCLIPTextConfig): ParameterSpec[] {
  const h = config.hidden_size;
  const std = config.initializer_factor;
  const pad = config.pad_token_id;
  const specs: ParameterSpec[] = [
    { name: 'roberta.embeddings.word_embeddings.weight', shape: [config.vocab_size, h], init: { kind: 'normal', std, zeroRow: pad } },
    { name: 'roberta.embeddings.position_embeddings.weight', shape: [config.max_position_embeddings, h], init: { kind: 'normal', std, zeroRow: pad } },
    { name: 'roberta.embeddings.token_type_embeddings.weight', shape: [config.type_vocab_size, h], init: { kind: 'normal', std } },
    ...layerNorm('roberta.embeddings.LayerNorm', h),
  ];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const p = `roberta.encoder.layer.${i}`;
    specs.push(
      ...linear(`${p}.attention.self.query`, h, h, std),
      ...linear(`${p}.attention.self.key`, h, h, std),
      ...linear(`${p}.attention.self.value`, h, h, std),
      ...linear(`${p}.attention.output.dense`, h, h, std),
      ...layerNorm(`${p}.attention.output.LayerNorm`, h),
      ...linear(`${p}.intermediate.dense`, config.intermediate_size, h, std),
      ...linear(`${p}.output.dense`, h, config.intermediate_size, std),
      ...layerNorm(`${p}.output.LayerNorm`, h),
    );
  }
  specs.push(...layerNorm('pre_LN', h), ...linear('transformation', config.project_dim, h, std));
  return specs;
}

/**
 * Parameters of the vision transformer under `vision_model.` (the same names in
 * AltCLIPModel and AltCLIPVisionModel). `factor` is the initializer_factor of the
 * model being built (AltCLIPConfig's for AltCLIPModel, the vision config's for
 * AltCLIPVisionModel), as HF's `_init_weights` reads `self.config.initializer_factor`.
 */
export function visionParameterSpecs(config: AltCLIPVisionConfig, factor: number): ParameterSpec[] {
  const h = config.hidden_size;
  const layers = config.num_hidden_layers;
  const inProj = h ** -0.5 * (2 * layers) ** -0.5 * factor;
  const outProj = h ** -0.5 * factor;
  const fc = (2 * h) ** -0.5 * factor;
  const patches = Math.floor(config.image_size / config.patch_size) ** 2;
  const specs: ParameterSpec[] = [
    { name: 'vision_model.embeddings.class_embedding', shape: [h], init: { kind: 'normal', std: h ** -0.5 * factor } },
    {
      name: 'vision_model.embeddings.patch_embedding.weight',
      shape: [h, config.num_channels, config.patch_size, config.patch_size],
      init: { kind: 'normal', std: config.initializer_range * factor },
    },
    { name: 'vision_model.embeddings.position_embedding.weight', shape: [patches + 1, h], init: { kind: 'normal', std: config.initializer_range * factor } },
    ...layerNorm('vision_model.pre_layrnorm', h),
  ];
  for (let i = 0; i < layers; i++) {
    const p = `vision_model.encoder.layers.${i}`;
    specs.push(
      ...linear(`${p}.self_attn.k_proj`, h, h, inProj),
      ...linear(`${p}.self_attn.v_proj`, h, h, inProj),
      ...linear(`${p}.self_attn.q_proj`, h, h, inProj),
      ...linear(`${p}.self_attn.out_proj`, h, h, outProj),
      ...layerNorm(`${p}.layer_norm1`, h),
      ...linear(`${p}.mlp.fc1`, config.intermediate_size, h, fc),
      ...linear(`${p}.mlp.fc2`, h, config.intermediate_size, inProj),
      ...layerNorm(`${p}.layer_norm2`, h),
    );
  }
  specs.push(...layerNorm('vision_model.post_layernorm', h));
  return specs;
}

/** Every parameter of `AltCLIPModel`, in HF state_dict names. */
export function modelParameterSpecs(config: AltCLIPConfig): ParameterSpec[] {
  const text = config.text_config;
  const vision = config.vision_config;
  const factor = config.initializer_factor;
  return [
    ...textParameterSpecs(text).map((s) => ({ ...s, name: `text_model.${s.name}` })),
    ...visionParameterSpecs(vision, factor),
    ...linear('visual_projection', config.projection_dim, vision.hidden_size, vision.hidden_size ** -0.5 * factor, false),
    ...linear('text_projection', config.projection_dim, text.project_dim, text.project_dim ** -0.5 * factor, false),
    { name: 'logit_scale', shape: [], init: { kind: 'constant', value: config.logit_scale_init_value } },
  ];
}

/** Non-persistent buffers: older checkpoints store them; HF drops them silently when loading. */
export const BUFFER_NAMES = new Set([
  'text_model.roberta.embeddings.position_ids',
  'text_model.roberta.embeddings.token_type_ids',
  'roberta.embeddings.position_ids',
  'roberta.embeddings.token_type_ids',
  'vision_model.embeddings.position_ids',
]);
