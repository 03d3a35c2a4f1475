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
  /**
   * The config field each dimension comes from (dotted from the model's config, e.g. `text_config.hidden_size`),
   * so that a checkpoint whose shapes disagree with the config is refused naming the field, not the tensor.
   */
  readonly fields: readonly string[];
}

/** Limits spec generation to the first `layers` encoder layers (shape checks and size estimates need only one). */
export interface SpecOptions {
  readonly layers?: number;
}

const ONES: ParameterInit = { kind: 'ones' };
const ZEROS: ParameterInit = { kind: 'zeros' };

/** A dimension and the config field it comes from. */
type Dim = readonly [size: number, field: string];

function layerNorm(prefix: string, [size, field]: Dim): ParameterSpec[] {
  return [
    { name: `${prefix}.weight`, shape: [size], init: ONES, fields: [field] },
    { name: `${prefix}.bias`, shape: [size], init: ZEROS, fields: [field] },
  ];
}

function linear(prefix: string, out: Dim, inp: Dim, std: number, bias = true): ParameterSpec[] {
  const weight: ParameterSpec = { name: `${prefix}.weight`, shape: [out[0], inp[0]], init: { kind: 'normal', std }, fields: [out[1], inp[1]] };
  return bias ? [weight, { name: `${prefix}.bias`, shape: [out[0]], init: ZEROS, fields: [out[1]] }] : [weight];
}

function layerCount(config: { num_hidden_layers: number }, options: SpecOptions): number {
  return Math.min(config.num_hidden_layers, options.layers ?? Number.POSITIVE_INFINITY);
}

/**
 * Parameters of `AltCLIPTextModel` (no prefix). `factor` is the initializer_factor of
 * the text config: AltCLIPTextModel initialises its own modules in its `post_init`
 * (HF then skips them when the enclosing AltCLIPModel initialises), so plain
 * Linear/Embedding weights get N(0, text_config.initializer_factor).
 */
export function textParameterSpecs(config: AltCLIPTextConfig, options: SpecOptions = {}): ParameterSpec[] {
  const h: Dim = [config.hidden_size, 'hidden_size'];
  const inter: Dim = [config.intermediate_size, 'intermediate_size'];
  const std = config.initializer_factor;
  const pad = config.pad_token_id;
  const embedding = (name: string, rows: Dim, zeroRow?: number | null): ParameterSpec => ({
    name,
    shape: [rows[0], h[0]],
    init: zeroRow === undefined ? { kind: 'normal', std } : { kind: 'normal', std, zeroRow },
    fields: [rows[1], h[1]],
  });
  const specs: ParameterSpec[] = [
    embedding('roberta.embeddings.word_embeddings.weight', [config.vocab_size, 'vocab_size'], pad),
    embedding('roberta.embeddings.position_embeddings.weight', [config.max_position_embeddings, 'max_position_embeddings'], pad),
    embedding('roberta.embeddings.token_type_embeddings.weight', [config.type_vocab_size, 'type_vocab_size']),
    ...layerNorm('roberta.embeddings.LayerNorm', h),
  ];
  for (let i = 0; i < layerCount(config, options); i++) {
    const p = `roberta.encoder.layer.${i}`;
    specs.push(
      ...linear(`${p}.attention.self.query`, h, h, std),
      ...linear(`${p}.attention.self.key`, h, h, std),
      ...linear(`${p}.attention.self.value`, h, h, std),
      ...linear(`${p}.attention.output.dense`, h, h, std),
      ...layerNorm(`${p}.attention.output.LayerNorm`, h),
      ...linear(`${p}.intermediate.dense`, inter, h, std),
      ...linear(`${p}.output.dense`, h, inter, std),
      ...layerNorm(`${p}.output.LayerNorm`, h),
    );
  }
  specs.push(...layerNorm('pre_LN', h), ...linear('transformation', [config.project_dim, 'project_dim'], h, std));
  return specs;
}

/**
 * Parameters of the vision transformer under `vision_model.` (the same names in
 * AltCLIPModel and AltCLIPVisionModel). `factor` is the initializer_factor of the
 * model being built (AltCLIPConfig's for AltCLIPModel, the vision config's for
 * AltCLIPVisionModel), as HF's `_init_weights` reads `self.config.initializer_factor`.
 */
export function visionParameterSpecs(config: AltCLIPVisionConfig, factor: number, options: SpecOptions = {}): ParameterSpec[] {
  const hs = config.hidden_size;
  const h: Dim = [hs, 'hidden_size'];
  const inter: Dim = [config.intermediate_size, 'intermediate_size'];
  const layers = config.num_hidden_layers;
  const inProj = hs ** -0.5 * (2 * layers) ** -0.5 * factor;
  const outProj = hs ** -0.5 * factor;
  const fc = (2 * hs) ** -0.5 * factor;
  const patches = Math.floor(config.image_size / config.patch_size) ** 2;
  const patch = config.patch_size;
  const specs: ParameterSpec[] = [
    { name: 'vision_model.embeddings.class_embedding', shape: [hs], init: { kind: 'normal', std: hs ** -0.5 * factor }, fields: ['hidden_size'] },
    {
      name: 'vision_model.embeddings.patch_embedding.weight',
      shape: [hs, config.num_channels, patch, patch],
      init: { kind: 'normal', std: config.initializer_range * factor },
      fields: ['hidden_size', 'num_channels', 'patch_size', 'patch_size'],
    },
    {
      name: 'vision_model.embeddings.position_embedding.weight',
      shape: [patches + 1, hs],
      init: { kind: 'normal', std: config.initializer_range * factor },
      // (image_size / patch_size)² + 1 rows: patch_size is checked by the patch embedding, so a wrong count blames image_size.
      fields: ['image_size', 'hidden_size'],
    },
    ...layerNorm('vision_model.pre_layrnorm', h),
  ];
  for (let i = 0; i < layerCount(config, options); i++) {
    const p = `vision_model.encoder.layers.${i}`;
    specs.push(
      ...linear(`${p}.self_attn.k_proj`, h, h, inProj),
      ...linear(`${p}.self_attn.v_proj`, h, h, inProj),
      ...linear(`${p}.self_attn.q_proj`, h, h, inProj),
      ...linear(`${p}.self_attn.out_proj`, h, h, outProj),
      ...layerNorm(`${p}.layer_norm1`, h),
      ...linear(`${p}.mlp.fc1`, inter, h, fc),
      ...linear(`${p}.mlp.fc2`, h, inter, inProj),
      ...layerNorm(`${p}.layer_norm2`, h),
    );
  }
  specs.push(...layerNorm('vision_model.post_layernorm', h));
  return specs;
}

/** Every parameter of `AltCLIPModel`, in HF state_dict names. */
export function modelParameterSpecs(config: AltCLIPConfig, options: SpecOptions = {}): ParameterSpec[] {
  const text = config.text_config;
  const vision = config.vision_config;
  const factor = config.initializer_factor;
  const projection: Dim = [config.projection_dim, 'projection_dim'];
  const under = (prefix: string) => (s: ParameterSpec) => ({ ...s, fields: s.fields.map((f) => `${prefix}.${f}`) });
  return [
    ...textParameterSpecs(text, options).map((s) => ({ ...under('text_config')(s), name: `text_model.${s.name}` })),
    ...visionParameterSpecs(vision, factor, options).map(under('vision_config')),
    ...linear('visual_projection', projection, [vision.hidden_size, 'vision_config.hidden_size'], vision.hidden_size ** -0.5 * factor, false),
    ...linear('text_projection', projection, [text.project_dim, 'text_config.project_dim'], text.project_dim ** -0.5 * factor, false),
    { name: 'logit_scale', shape: [], init: { kind: 'constant', value: config.logit_scale_init_value }, fields: [] },
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
