import { AltCLIPConfig, AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import { CheckpointError } from '../weights/CheckpointError.js';
import { type ModelFiles, readText } from '@altclip/hub';

async function readConfigDict(files: ModelFiles): Promise<Record<string, unknown>> {
  const text = await readText(files, 'config.json');
  if (text === null) throw new CheckpointError(`${files.name}: config.json not found`);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new CheckpointError(`${files.name}/config.json: not valid JSON (${(error as Error).message})`);
  }
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
