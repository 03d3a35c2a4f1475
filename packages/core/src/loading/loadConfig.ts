import { AltCLIPConfig, AltCLIPTextConfig, AltCLIPVisionConfig, ConfigValidationError, parseConfigJson } from '@altclip/config';
import { CheckpointError } from '../weights/CheckpointError.js';
import { type ModelFiles, readText } from '@altclip/hub';

async function readConfigDict(files: ModelFiles): Promise<Record<string, unknown>> {
  const text = await readText(files, 'config.json');
  if (text === null) throw new CheckpointError(`${files.name}: config.json not found`);
  // The config package's parser, not JSON.parse: it reads NaN and Infinity as Python's json does (HF writes them)
  // and its ConfigJsonSyntaxError names the file, line and column.
  const source = `${files.name}/config.json`;
  const value = parseConfigJson(text, source);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigValidationError([{ field: '', expected: 'a JSON object', actual: value }], source);
  }
  return value as Record<string, unknown>;
}

export async function loadModelConfig(files: ModelFiles): Promise<AltCLIPConfig> {
  return AltCLIPConfig.fromDict(await readConfigDict(files));
}

/** A tower's config, from its own config.json or from the `text_config`/`vision_config` of a full one (as HF). */
export async function loadTowerConfig(files: ModelFiles, tower: 'text'): Promise<AltCLIPTextConfig>;
export async function loadTowerConfig(files: ModelFiles, tower: 'vision'): Promise<AltCLIPVisionConfig>;
export async function loadTowerConfig(files: ModelFiles, tower: 'text' | 'vision'): Promise<AltCLIPTextConfig | AltCLIPVisionConfig> {
  const dict = await readConfigDict(files);
  const key = tower === 'text' ? 'text_config' : 'vision_config';
  const own = dict.model_type === 'altclip' ? ((dict[key] as Record<string, unknown> | undefined) ?? {}) : dict;
  return tower === 'text' ? AltCLIPTextConfig.fromDict(own) : AltCLIPVisionConfig.fromDict(own);
}
