// Temporary direct checks against the oracle fixture, used until @altclip/core/testing's
// describeParity lands. Expected values come only from fixtures/altclip-tiny/expected.safetensors.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AltCLIPBackend, Tensor, type TowerLoadOptions, readSafetensors } from '@altclip/core';

const fixtureDir = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));

export async function loadFixture() {
  const weights = await readSafetensors(new Uint8Array(readFileSync(`${fixtureDir}model.safetensors`)));
  const expected = await readSafetensors(new Uint8Array(readFileSync(`${fixtureDir}expected.safetensors`)));
  const config = JSON.parse(readFileSync(`${fixtureDir}config.json`, 'utf8'));
  // HF defaults for fields save_pretrained omitted (see the fixture README).
  const textConfig = { hidden_act: 'gelu', layer_norm_eps: 1e-5, type_vocab_size: 1, ...config.text_config };
  const visionConfig = { hidden_act: 'quick_gelu', layer_norm_eps: 1e-5, num_channels: 3, ...config.vision_config };
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

export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  if (actual.dims.join() !== expected.dims.join()) throw new Error(`shape [${actual.dims}] != expected [${expected.dims}]`);
  let max = 0;
  const a = actual.data as Float32Array;
  const e = expected.data as Float32Array;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - e[i]));
  return max;
}

/** Builds core's text inputs from the fixture (core does this in production). */
export function textInputs(expected: Map<string, Tensor>) {
  const ids = expected.get('tokenizer/batch/input_ids') as Tensor<'int64'>;
  const mask = expected.get('tokenizer/batch/attention_mask') as Tensor<'int64'>;
  const additive = new Float32Array(mask.size);
  const min = -3.4028234663852886e38;
  for (let i = 0; i < mask.size; i++) additive[i] = mask.data[i] === 1n ? 0 : min;
  return {
    inputIds: ids,
    positionIds: expected.get('text_model/position_ids') as Tensor<'int64'>,
    tokenTypeIds: new Tensor('int64', new BigInt64Array(ids.size), ids.dims),
    additiveMask: new Tensor('float32', additive, mask.dims),
  };
}

export interface ParityResult {
  [group: string]: number;
}

/** Max |actual − expected| per tensor group, fixture inputs, all outputs requested. */
export async function measureParity(backend: AltCLIPBackend, options: TowerLoadOptions = {}): Promise<ParityResult> {
  const f = await loadFixture();
  const result: ParityResult = {};
  const text = await backend.loadTextTower(f.textConfig as never, f.text, options);
  const t = await text.run(textInputs(f.expected), { outputHiddenStates: true, outputAttentions: true });
  result['text_model/last_hidden_state'] = maxAbsDiff(t.lastHiddenState, f.expected.get('text_model/last_hidden_state') as Tensor);
  result['text_model/pooler_output'] = maxAbsDiff(t.poolerOutput, f.expected.get('text_model/pooler_output') as Tensor);
  result['model/get_text_features'] = maxAbsDiff(t.embeds as Tensor, f.expected.get('model/get_text_features') as Tensor);
  result['text_model/hidden_states'] = Math.max(...(t.hiddenStates ?? []).map((h, k) => maxAbsDiff(h, f.expected.get(`text_model/hidden_states/${k}`) as Tensor)));
  result['text_model/attentions'] = Math.max(...(t.attentions ?? []).map((h, k) => maxAbsDiff(h, f.expected.get(`text_model/attentions/${k}`) as Tensor)));
  const plain = await text.run(textInputs(f.expected));
  result['text/plain_vs_full'] = maxAbsDiff(plain.lastHiddenState, t.lastHiddenState);
  await text.dispose();

  const vision = await backend.loadVisionTower(f.visionConfig as never, f.vision, options);
  const v = await vision.run({ pixelValues: f.expected.get('image/pixel_values_batch') as Tensor<'float32'> }, { outputHiddenStates: true, outputAttentions: true });
  result['vision_model/last_hidden_state'] = maxAbsDiff(v.lastHiddenState, f.expected.get('vision_model/last_hidden_state') as Tensor);
  result['vision_model/pooler_output'] = maxAbsDiff(v.poolerOutput, f.expected.get('vision_model/pooler_output') as Tensor);
  result['model/get_image_features'] = maxAbsDiff(v.embeds as Tensor, f.expected.get('model/get_image_features') as Tensor);
  result['vision_model/hidden_states'] = Math.max(...(v.hiddenStates ?? []).map((h, k) => maxAbsDiff(h, f.expected.get(`vision_model/hidden_states/${k}`) as Tensor)));
  result['vision_model/attentions'] = Math.max(...(v.attentions ?? []).map((h, k) => maxAbsDiff(h, f.expected.get(`vision_model/attentions/${k}`) as Tensor)));
  await vision.dispose();
  return result;
}
