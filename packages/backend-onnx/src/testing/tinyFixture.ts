// Test support: the oracle fixture's tower weights and configs, split the way core splits them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Tensor, readSafetensors } from '@altclip/core';
import type { TextGraphConfig } from '../graph/textTowerGraph.js';
import type { VisionGraphConfig } from '../graph/visionTowerGraph.js';

export const fixtureDir = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));

export async function loadTinyFixture() {
  const weights = await readSafetensors(new Uint8Array(readFileSync(`${fixtureDir}model.safetensors`)));
  const expected = await readSafetensors(new Uint8Array(readFileSync(`${fixtureDir}expected.safetensors`)));
  const config = JSON.parse(readFileSync(`${fixtureDir}config.json`, 'utf8'));
  // HF defaults for the fields save_pretrained omitted (fixture README).
  const textConfig: TextGraphConfig = { hidden_act: 'gelu', layer_norm_eps: 1e-5, type_vocab_size: 1, ...config.text_config };
  const visionConfig: VisionGraphConfig = { hidden_act: 'quick_gelu', layer_norm_eps: 1e-5, num_channels: 3, ...config.vision_config };
  const text = new Map<string, Tensor>();
  const vision = new Map<string, Tensor>();
  for (const [name, t] of weights) {
    if (name.startsWith('text_model.')) text.set(name.slice('text_model.'.length), t);
    else if (name.startsWith('vision_model.')) vision.set(name.slice('vision_model.'.length), t);
    else if (name === 'text_projection.weight') text.set(name, t);
    else if (name === 'visual_projection.weight') vision.set(name, t);
  }
  return { text, vision, expected, textConfig, visionConfig };
}
