import type { ConfigSchema } from './ConfigSchema.js';
import type { ConfigProblem } from './ConfigValidationError.js';
import { type ConfigDict, type ConfigOptions, PretrainedConfig } from './PretrainedConfig.js';

/** Every field of HF's `AltCLIPVisionConfig` (v4.47.1) with its default: a CLIP ViT-B/32 vision tower. */
export const ALTCLIP_VISION_SCHEMA = {
  hidden_size: { kind: 'int', default: 768, positive: true },
  intermediate_size: { kind: 'int', default: 3072, positive: true },
  projection_dim: { kind: 'int', default: 512, positive: true },
  num_hidden_layers: { kind: 'int', default: 12, positive: true },
  num_attention_heads: { kind: 'int', default: 12, positive: true },
  num_channels: { kind: 'int', default: 3, positive: true },
  image_size: { kind: 'int', default: 224, positive: true },
  patch_size: { kind: 'int', default: 32, positive: true },
  hidden_act: { kind: 'activation', default: 'quick_gelu' },
  layer_norm_eps: { kind: 'float', default: 1e-5, positive: true },
  attention_dropout: { kind: 'probability', default: 0.0 },
  initializer_range: { kind: 'float', default: 0.02 },
  initializer_factor: { kind: 'float', default: 1.0 },
} as const satisfies ConfigSchema;

/** The typed fields of `AltCLIPVisionConfig` (HF's snake_case names). */
export interface AltCLIPVisionConfigFields {
  hidden_size: number;
  intermediate_size: number;
  /** Unused by AltCLIPModel (it projects with the top-level `projection_dim`); kept because HF stores it. */
  projection_dim: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_channels: number;
  image_size: number;
  patch_size: number;
  /** One of HF's ACT2FN names (see `HF_ACTIVATION_NAMES`); `quick_gelu` is x·σ(1.702x). */
  hidden_act: string;
  layer_norm_eps: number;
  attention_dropout: number;
  initializer_range: number;
  initializer_factor: number;
}

/** Constructor input: any subset of the fields, plus any other config.json keys (kept in `extra`). */
export type AltCLIPVisionConfigInit = Partial<AltCLIPVisionConfigFields> & ConfigDict;

/** Mirror of HF's `AltCLIPVisionConfig`: the CLIP ViT vision tower. */
export class AltCLIPVisionConfig extends PretrainedConfig {
  static override readonly modelType = 'altclip_vision_model';
  static override readonly baseConfigKey = 'vision_config';
  static override readonly schema: ConfigSchema = ALTCLIP_VISION_SCHEMA;

  declare readonly hidden_size: number;
  declare readonly intermediate_size: number;
  declare readonly projection_dim: number;
  declare readonly num_hidden_layers: number;
  declare readonly num_attention_heads: number;
  declare readonly num_channels: number;
  declare readonly image_size: number;
  declare readonly patch_size: number;
  declare readonly hidden_act: string;
  declare readonly layer_norm_eps: number;
  declare readonly attention_dropout: number;
  declare readonly initializer_range: number;
  declare readonly initializer_factor: number;

  /** Same as the base constructor, with the field types of this config. */
  constructor(init: AltCLIPVisionConfigInit = {}, options: ConfigOptions = {}) {
    super(init, options);
  }

  /** Patches per image side at the configured `image_size`. */
  get numPatchesPerSide(): number {
    return this.image_size / this.patch_size;
  }

  /** Sequence length of the vision tower: one class token plus the patches. */
  get numPositions(): number {
    return this.numPatchesPerSide ** 2 + 1;
  }

  protected static override crossFieldProblems(v: ConfigDict, prefix: string): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const hidden = v.hidden_size as number | undefined;
    const heads = v.num_attention_heads as number | undefined;
    // CLIP attention raises unless embed_dim is divisible by num_heads.
    if (hidden !== undefined && heads !== undefined && hidden % heads !== 0) {
      problems.push({ field: `${prefix}hidden_size`, expected: `a multiple of num_attention_heads (${heads})`, actual: hidden });
    }
    const image = v.image_size as number | undefined;
    const patch = v.patch_size as number | undefined;
    // HF's stride-patch Conv2d would silently drop the border pixels; the position table assumes a whole grid.
    if (image !== undefined && patch !== undefined && image % patch !== 0) {
      problems.push({ field: `${prefix}image_size`, expected: `a multiple of patch_size (${patch})`, actual: image });
    }
    return problems;
  }
}
