import type { ConfigSchema } from './ConfigSchema.js';
import type { ConfigProblem } from './ConfigValidationError.js';
import { type ConfigDict, type ConfigOptions, PretrainedConfig } from './PretrainedConfig.js';

/** Every field of HF's `AltCLIPTextConfig` (v4.47.1) with its default: an XLM-R large text tower. */
export const ALTCLIP_TEXT_SCHEMA = {
  vocab_size: { kind: 'int', default: 250002, positive: true },
  hidden_size: { kind: 'int', default: 1024, positive: true },
  num_hidden_layers: { kind: 'int', default: 24, positive: true },
  num_attention_heads: { kind: 'int', default: 16, positive: true },
  intermediate_size: { kind: 'int', default: 4096, positive: true },
  hidden_act: { kind: 'activation', default: 'gelu' },
  hidden_dropout_prob: { kind: 'probability', default: 0.1 },
  attention_probs_dropout_prob: { kind: 'probability', default: 0.1 },
  max_position_embeddings: { kind: 'int', default: 514, positive: true },
  type_vocab_size: { kind: 'int', default: 1, positive: true },
  initializer_range: { kind: 'float', default: 0.02 },
  initializer_factor: { kind: 'float', default: 0.02 },
  layer_norm_eps: { kind: 'float', default: 1e-5, positive: true },
  pad_token_id: { kind: 'token_id', default: 1 },
  bos_token_id: { kind: 'token_id', default: 0 },
  eos_token_id: { kind: 'token_id', default: 2 },
  position_embedding_type: { kind: 'string', default: 'absolute', oneOf: ['absolute', 'relative_key', 'relative_key_query'] },
  use_cache: { kind: 'boolean', default: true },
  project_dim: { kind: 'int', default: 768, positive: true },
} as const satisfies ConfigSchema;

/** The typed fields of `AltCLIPTextConfig` (HF's snake_case names). */
export interface AltCLIPTextConfigFields {
  vocab_size: number;
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  intermediate_size: number;
  /** One of HF's ACT2FN names (see `HF_ACTIVATION_NAMES`); `gelu` is the exact erf GELU. */
  hidden_act: string;
  hidden_dropout_prob: number;
  attention_probs_dropout_prob: number;
  max_position_embeddings: number;
  type_vocab_size: number;
  initializer_range: number;
  initializer_factor: number;
  layer_norm_eps: number;
  pad_token_id: number | null;
  bos_token_id: number | null;
  eos_token_id: number | readonly number[] | null;
  position_embedding_type: 'absolute' | 'relative_key' | 'relative_key_query';
  use_cache: boolean;
  /** Width of the text tower's output (`transformation` Linear hidden_size → project_dim). */
  project_dim: number;
}

/** Constructor input: any subset of the fields, plus any other config.json keys (kept in `extra`). */
export type AltCLIPTextConfigInit = Partial<AltCLIPTextConfigFields> & ConfigDict;

/** Mirror of HF's `AltCLIPTextConfig`: the XLM-R (RoBERTa) text tower plus its `project_dim` transformation. */
export class AltCLIPTextConfig extends PretrainedConfig {
  static override readonly modelType = 'altclip_text_model';
  static override readonly baseConfigKey = 'text_config';
  static override readonly schema: ConfigSchema = ALTCLIP_TEXT_SCHEMA;

  declare readonly vocab_size: number;
  declare readonly hidden_size: number;
  declare readonly num_hidden_layers: number;
  declare readonly num_attention_heads: number;
  declare readonly intermediate_size: number;
  declare readonly hidden_act: string;
  declare readonly hidden_dropout_prob: number;
  declare readonly attention_probs_dropout_prob: number;
  declare readonly max_position_embeddings: number;
  declare readonly type_vocab_size: number;
  declare readonly initializer_range: number;
  declare readonly initializer_factor: number;
  declare readonly layer_norm_eps: number;
  declare readonly pad_token_id: number | null;
  declare readonly bos_token_id: number | null;
  declare readonly eos_token_id: number | readonly number[] | null;
  declare readonly position_embedding_type: 'absolute' | 'relative_key' | 'relative_key_query';
  declare readonly use_cache: boolean;
  declare readonly project_dim: number;

  /** Same as the base constructor, with the field types of this config. */
  constructor(init: AltCLIPTextConfigInit = {}, options: ConfigOptions = {}) {
    super(init, options);
  }

  protected static override crossFieldProblems(v: ConfigDict, prefix: string): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const hidden = v.hidden_size as number | undefined;
    const heads = v.num_attention_heads as number | undefined;
    // RoBERTa self-attention splits hidden_size evenly across heads (HF raises otherwise).
    if (hidden !== undefined && heads !== undefined && hidden % heads !== 0) {
      problems.push({ field: `${prefix}hidden_size`, expected: `a multiple of num_attention_heads (${heads})`, actual: hidden });
    }
    return problems;
  }
}
