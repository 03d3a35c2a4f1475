// Test-only: the altclip-tiny oracle fixture split into what a backend receives.
import { readFile } from 'node:fs/promises';
import { AltCLIPConfig } from '@altclip/config';
import { readSafetensors, type Tensor, type TowerWeights } from '@altclip/core';

const fixture = new URL('../../../fixtures/altclip-tiny/', import.meta.url);

export interface TinyFixture {
  config: AltCLIPConfig;
  text: TowerWeights;
  vision: TowerWeights;
  expected: Map<string, Tensor>;
}

function towerWeights(all: Map<string, Tensor>, prefix: string, projection: string): TowerWeights {
  const out = new Map<string, Tensor>();
  for (const [k, v] of all) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v);
  out.set(projection, all.get(projection) as Tensor);
  return out;
}

async function safetensors(name: string): Promise<Map<string, Tensor>> {
  // A fresh Uint8Array: Node's pooled Buffers can start at offsets that are not 8-aligned, which
  // core's reader does not handle for int64 tensors yet (RangeError from BigInt64Array).
  return readSafetensors(new Uint8Array(await readFile(new URL(name, fixture))));
}

export async function loadTinyFixture(): Promise<TinyFixture> {
  const weights = await safetensors('model.safetensors');
  return {
    config: AltCLIPConfig.fromDict(JSON.parse(await readFile(new URL('config.json', fixture), 'utf8'))),
    text: towerWeights(weights, 'text_model.', 'text_projection.weight'),
    vision: towerWeights(weights, 'vision_model.', 'visual_projection.weight'),
    expected: await safetensors('expected.safetensors'),
  };
}
