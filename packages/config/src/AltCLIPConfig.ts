// biome-ignore-all lint/complexity/noThisInStatic: problemsIn extends the polymorphic base check
import { AltCLIPTextConfig, type AltCLIPTextConfigInit } from './AltCLIPTextConfig.js';
import { AltCLIPVisionConfig, type AltCLIPVisionConfigInit } from './AltCLIPVisionConfig.js';
import { BAAI_ALTCLIP_CONFIG } from './baaiAltCLIPConfig.js';
import type { ConfigSchema } from './ConfigSchema.js';
import type { ConfigProblem } from './ConfigValidationError.js';
import { type ConfigDict, type ConfigOptions, PretrainedConfig } from './PretrainedConfig.js';
import { cloneJson, copyEntry, markFloat } from './pythonNumberStyle.js';
import { isPlainObject } from './isPlainObject.js';

/** HF's `AltCLIPConfig` (v4.47.1) own fields with their defaults. */
export const ALTCLIP_SCHEMA = {
  projection_dim: { kind: 'int', default: 768, positive: true },
  logit_scale_init_value: { kind: 'float', default: 2.6592 },
} as const satisfies ConfigSchema;

/** Constructor input: HF's keyword arguments; nested configs as objects or config instances. */
export type AltCLIPConfigInit = {
  text_config?: AltCLIPTextConfig | AltCLIPTextConfigInit | null;
  vision_config?: AltCLIPVisionConfig | AltCLIPVisionConfigInit | null;
  projection_dim?: number;
  logit_scale_init_value?: number;
  /** Legacy key (pre-v4.27 configs): overrides `text_config` with a full `AltCLIPTextConfig` built from it. */
  text_config_dict?: AltCLIPTextConfigInit | null;
  /** Legacy key: overrides `vision_config` with a full `AltCLIPVisionConfig` built from it. */
  vision_config_dict?: AltCLIPVisionConfigInit | null;
} & ConfigDict;

const NESTED = [
  ['text_config', 'text_config_dict', AltCLIPTextConfig],
  ['vision_config', 'vision_config_dict', AltCLIPVisionConfig],
] as const;

/**
 * The nested dict HF ends up with for one tower: `text_config` (an object or a config's `toDict()`), then, if the
 * legacy `text_config_dict` is given, every field of `AltCLIPTextConfig(**text_config_dict).to_dict()` on top —
 * defaults included, exactly as HF's `text_config.update(...)` does.
 */
function resolveNested(init: ConfigDict, key: string, legacyKey: string, cls: typeof AltCLIPTextConfig | typeof AltCLIPVisionConfig): ConfigDict | PretrainedConfig {
  const given = init[key];
  const legacy = init[legacyKey];
  if (legacy == null) return given == null ? ({} as ConfigDict) : (given as ConfigDict | PretrainedConfig);
  const base = given instanceof PretrainedConfig ? given.toDict() : ((given as ConfigDict | undefined) ?? {});
  // A malformed legacy dict is reported by problemsIn under its own path.
  if (!isPlainObject(legacy) || cls.problemsIn(legacy).length > 0) return base;
  const full = new cls(legacy).toDict();
  const merged = cloneJson(base);
  for (const key of Object.keys(full)) copyEntry(full, merged, key);
  return merged;
}

/**
 * Mirror of HF's `AltCLIPConfig`: a text config, a vision config and the shared projection. Construction validates
 * the whole tree at once; a `ConfigValidationError` lists every problem with paths like `vision_config.patch_size`.
 */
export class AltCLIPConfig extends PretrainedConfig {
  static override readonly modelType = 'altclip';
  static override readonly schema: ConfigSchema = ALTCLIP_SCHEMA;
  protected static override readonly reservedKeys: ReadonlySet<string> = new Set([
    'text_config',
    'vision_config',
    'text_config_dict',
    'vision_config_dict',
    // HF v4.47.1 sets initializer_factor = 1.0 after reading kwargs, so a stored value never takes effect.
    'initializer_factor',
  ]);

  declare readonly projection_dim: number;
  declare readonly logit_scale_init_value: number;
  readonly text_config: AltCLIPTextConfig;
  readonly vision_config: AltCLIPVisionConfig;
  /** Always 1.0: HF v4.47.1 `AltCLIPConfig.__init__` overwrites whatever config.json says. */
  readonly initializer_factor: number;

  constructor(init: AltCLIPConfigInit = {}, options: ConfigOptions = {}) {
    super(init, options);
    this.initializer_factor = 1.0;
    const [text, vision] = NESTED.map(([key, legacyKey, cls]) => {
      const nested = resolveNested(init, key, legacyKey, cls);
      if (nested instanceof cls) return nested;
      // Validated in problemsIn, so this cannot throw.
      return new cls((nested instanceof PretrainedConfig ? nested.toDict() : nested) as ConfigDict);
    });
    this.text_config = text as AltCLIPTextConfig;
    this.vision_config = vision as AltCLIPVisionConfig;
  }

  static override problemsIn(dict: ConfigDict, prefix = ''): ConfigProblem[] {
    const problems = super.problemsIn(dict, prefix);
    for (const [key, legacyKey, cls] of NESTED) {
      for (const k of [key, legacyKey]) {
        const v = dict[k];
        if (v != null && !isPlainObject(v)) problems.push({ field: `${prefix}${k}`, expected: `an object (${cls.modelType} config)`, actual: v });
      }
      if (isPlainObject(dict[legacyKey])) problems.push(...cls.problemsIn(dict[legacyKey] as ConfigDict, `${prefix}${legacyKey}.`));
      const nested = resolveNested(dict, key, legacyKey, cls);
      if (isPlainObject(nested) && !(nested instanceof PretrainedConfig)) {
        // Legacy-key problems are already reported under their own path.
        if (!isPlainObject(dict[legacyKey])) problems.push(...cls.problemsIn(nested, `${prefix}${key}.`));
      } else if (nested instanceof PretrainedConfig && !(nested instanceof cls)) {
        problems.push({ field: `${prefix}${key}`, expected: `an ${cls.name} or a plain object`, actual: nested.model_type });
      }
    }
    return problems;
  }

  /**
   * The architecture of the released BAAI/AltCLIP checkpoint (XLM-R large text tower, CLIP ViT-L/14 vision tower,
   * projection 768), e.g. to build a randomly initialised full-size model for benchmarks.
   */
  static baai(): AltCLIPConfig {
    return new AltCLIPConfig(BAAI_ALTCLIP_CONFIG, { source: 'BAAI/AltCLIP architecture' });
  }

  /** HF's `AltCLIPConfig.from_text_vision_configs(text_config, vision_config, **kwargs)`. */
  static fromTextVisionConfigs(
    textConfig: AltCLIPTextConfig,
    visionConfig: AltCLIPVisionConfig,
    extra: Omit<AltCLIPConfigInit, 'text_config' | 'vision_config'> = {},
    options: ConfigOptions = {},
  ): AltCLIPConfig {
    return new AltCLIPConfig({ ...extra, text_config: textConfig, vision_config: visionConfig }, options);
  }

  protected override addOwnEntries(out: ConfigDict): void {
    out.initializer_factor = this.initializer_factor;
    markFloat(out, 'initializer_factor');
    for (const key of ['text_config', 'vision_config'] as const) {
      // HF's to_dict drops the version from nested configs.
      const nested = this[key].toDict();
      delete nested.transformers_version;
      out[key] = nested;
    }
  }

  protected override subConfig(key: string): PretrainedConfig | undefined {
    return key === 'text_config' ? this.text_config : key === 'vision_config' ? this.vision_config : undefined;
  }
}

