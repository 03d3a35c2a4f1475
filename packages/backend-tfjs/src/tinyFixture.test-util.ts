// Test-only: the altclip-tiny oracle fixture split into what a backend receives.
import { readFile } from 'node:fs/promises';
import { AltCLIPConfig } from '@altclip/config';
import { readSafetensors, Tensor, type TextTowerInputs, type TowerWeights } from '@altclip/core';

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
  // A fresh Uint8Array: Node's pooled Buffers can start at offsets that are not 8-aligned.
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

/** Unpadded text inputs as core would pass them: RoBERTa positions 2.., no mask. */
export function simpleTextInputs(batch: number, seq: number, vocab: number): TextTowerInputs {
  const n = batch * seq;
  const ids = new BigInt64Array(n);
  const positions = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = BigInt((i * 7919) % vocab);
    positions[i] = BigInt(2 + (i % seq));
  }
  return {
    inputIds: new Tensor('int64', ids, [batch, seq]),
    positionIds: new Tensor('int64', positions, [batch, seq]),
    tokenTypeIds: new Tensor('int64', new BigInt64Array(n), [batch, seq]),
    additiveMask: new Tensor('float32', new Float32Array(n), [batch, seq]),
  };
}

/** Seeded uniform pixels in [-2, 2] (LCG: tests must be reproducible). */
export function randomPixels(batch: number, channels: number, height: number, width: number, seed = 1): Tensor<'float32'> {
  const data = new Float32Array(batch * channels * height * width);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 2 ** 32) * 4 - 2;
  }
  return new Tensor('float32', data, [batch, channels, height, width]);
}
