import { describe, expect, it } from 'vitest';
import type { BackendCapabilities } from '../backend/AltCLIPBackend.js';
import { int8ErrorBounds } from './int8/int8ErrorBounds.js';
import { loadFixture } from './loadFixture.js';
import { ParityTolerances } from './ParityTolerances.js';
import { TOLERANCES } from './tolerances.js';

const capabilities: BackendCapabilities = { dtypes: ['fp32', 'fp16', 'int8'], precision: 'float32', hiddenStates: true, attentions: true, environments: ['node'] };
const scheme = { linearWeights: 'int8-per-output-channel', embeddingTables: [], linearInputs: 'uint8-per-tensor' } as const;

describe('ParityTolerances', async () => {
  const fixture = await loadFixture();

  it("reads fp32 and fp16 from core's table by group; position ids must be exact", async () => {
    const fp16 = await ParityTolerances.create(fixture, 'onnx-node', 'fp16', capabilities);
    expect(fp16.atol('model/text_embeds')).toBe(TOLERANCES['*'].fp16!.embeddings);
    expect(fp16.atol('vision_model/attentions/1')).toBe(TOLERANCES['*'].fp16!.attentions);
    expect(fp16.atol('text_model/position_ids')).toBe(0);
    expect(fp16.int8Bound('model/text_embeds')).toBeUndefined();
    expect((await ParityTolerances.create(fixture, 'reference', 'fp32', capabilities)).atol('model/logits_per_text')).toBe(TOLERANCES.reference.fp32!.logits);
  });

  it('refuses int8 from a backend that does not declare its scheme', async () => {
    await expect(ParityTolerances.create(fixture, 'mystery', 'int8', capabilities)).rejects.toThrow(/backend 'mystery' offers int8 but declares no capabilities\.int8/);
  });

  it("takes int8 bounds from the error model, per tensor", async () => {
    const options = { trials: 3, seed: 11 };
    const tolerances = await ParityTolerances.create(fixture, 'x', 'int8', { ...capabilities, int8: scheme }, options);
    const bounds = await int8ErrorBounds(fixture, scheme, options);
    for (const name of ['model/text_embeds', 'model/logits_per_image', 'text_model/attentions/1']) expect(tolerances.atol(name)).toBe(bounds.get(name)!.bound);
    expect(tolerances.atol('text_model/hidden_states/1')).not.toBe(tolerances.atol('text_model/hidden_states/2'));
    expect(() => tolerances.atol('model/not_a_tensor')).toThrow(/no bound for 'model\/not_a_tensor'/);
  }, 60_000);
});
