import { type PretrainedConfig, parseConfigJson } from '@altclip/config';

/**
 * The config.json HF's `model.save_pretrained` writes (transformers 4.47.1): the config's diff dict plus what the
 * loaded model adds — `architectures: [<class>]`, `torch_dtype: "float32"` (weights are saved as float32, HF's
 * default load dtype), `_name_or_path` (where it was loaded from) and, for AltCLIPModel, the text config's
 * `_attn_implementation_autoset: true` that constructing the text tower leaves on it. Byte-identical to HF's file
 * for the fixture (tested).
 */
export function savedConfigJson(config: PretrainedConfig, architecture: string, nameOrPath: string): string {
  const dict = parseConfigJson(config.toJsonString(), 'config.json') as Record<string, unknown>;
  Object.assign(dict, { _name_or_path: nameOrPath, architectures: [architecture], torch_dtype: 'float32' });
  const text = dict.text_config;
  if (architecture === 'AltCLIPModel' && text && typeof text === 'object') (text as Record<string, unknown>)._attn_implementation_autoset = true;
  const cls = config.constructor as unknown as { fromDict(d: Record<string, unknown>): PretrainedConfig };
  return cls.fromDict(dict).toJsonString();
}
