import { describe, expect, it } from 'vitest';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { InputValidationError } from '../errors/InputValidationError.js';
import { TowerNotLoadedError } from '../errors/TowerNotLoadedError.js';
import type { ModelFiles } from '@altclip/hub';
import { Tensor } from '../tensor/Tensor.js';
import { loadFixture } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { AltCLIPModel } from './AltCLIPModel.js';

/** The reference backend, recording which tower weights reach it. */
function spyBackend(): { backend: AltCLIPBackend; received: { text: string[][]; vision: string[][] } } {
  const inner = new ReferenceBackend();
  const received = { text: [] as string[][], vision: [] as string[][] };
  const backend: AltCLIPBackend = {
    specificationVersion: inner.specificationVersion,
    name: inner.name,
    capabilities: inner.capabilities,
    loadTextTower: (config, weights, options) => {
      received.text.push([...weights.keys()]);
      return inner.loadTextTower(config, weights, options);
    },
    loadVisionTower: (config, weights, options) => {
      received.vision.push([...weights.keys()]);
      return inner.loadVisionTower(config, weights, options);
    },
  };
  return { backend, received };
}

/** The fixture's files, recording every tensor byte range read from model.safetensors. */
function recordingFiles(files: ModelFiles): { files: ModelFiles; reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  return {
    reads,
    files: {
      name: files.name,
      async open(filename) {
        const source = await files.open(filename);
        if (!source || filename !== 'model.safetensors') return source;
        return {
          size: source.size,
          read: (offset: number, length: number) => {
            reads.push([offset, length]);
            return source.read(offset, length);
          },
          close: () => source.close?.(),
        };
      },
    },
  };
}

describe('AltCLIPModel towers', async () => {
  const fixture = await loadFixture();
  const e = (name: string) => fixture.expected.get(name)!;
  const rows = <T extends Tensor>(t: T, n: number): T => {
    const per = t.size / t.dims[0];
    return new Tensor(t.dtype, t.data.slice(0, n * per) as never, [n, ...t.dims.slice(1)]) as T;
  };
  const text = { inputIds: rows(e('tokenizer/batch/input_ids'), 3), attentionMask: rows(e('tokenizer/batch/attention_mask'), 3) };
  const images = { pixelValues: rows(e('image/pixel_values_batch') as Tensor<'float32'>, 2) };

  it("towers: ['text'] loads only the text tower: no vision tensor is read or reaches the backend, features equal the full model's", async () => {
    const full = await AltCLIPModel.fromPretrained(fixture.files, { backend: new ReferenceBackend() });
    const { backend, received } = spyBackend();
    const { files, reads } = recordingFiles(fixture.files);
    const warnings: string[] = [];
    const model = await AltCLIPModel.fromPretrained(files, { backend, towers: ['text'], onWarning: (m) => warnings.push(m) });
    expect(model.towers).toEqual(['text']);
    expect(received.vision).toEqual([]);
    expect(received.text).toHaveLength(1);
    expect(received.text[0].some((n) => n.startsWith('vision') || n.startsWith('visual'))).toBe(false);
    expect(received.text[0]).toContain('text_projection.weight');
    expect(warnings).toEqual([]);
    expect(model.loadReport).toEqual({ missingKeys: [], unexpectedKeys: [], mismatchedKeys: [], nonFiniteKeys: [] });

    // No byte of a vision tensor was read from the safetensors file.
    // The format read directly (8-byte little-endian header length, JSON header, offsets relative to the data).
    const source = (await fixture.files.open('model.safetensors'))!;
    const bytes = (await source.read(0, source.size)).slice();
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, { data_offsets: [number, number] }>;
    const visionRanges = Object.entries(parsed)
      .filter(([name]) => name.startsWith('vision_model.') || name.startsWith('visual_projection.'))
      .map(([, entry]) => entry.data_offsets.map((o) => o + 8 + headerLength));
    expect(visionRanges.length).toBeGreaterThan(0);
    expect(reads.length).toBeGreaterThan(0);
    for (const [offset, length] of reads) {
      for (const [start, end] of visionRanges) expect(offset + length <= start || offset >= end).toBe(true);
    }

    expect((await model.getTextFeatures(text)).data).toEqual((await full.getTextFeatures(text)).data);
    await expect(model.getImageFeatures(images)).rejects.toThrow(TowerNotLoadedError);
    await expect(model.forward({ ...text, ...images })).rejects.toThrow(/forward needs the vision tower/);
    // HF has no one-tower AltCLIPModel; saving would invent the other tower's weights.
    await expect(model.savePretrained('/nonexistent-never-written')).rejects.toThrow(TowerNotLoadedError);
    await Promise.all([model.dispose(), full.dispose()]);
  });

  it("towers: ['vision'] loads only the vision tower; image features equal the full model's", async () => {
    const full = await AltCLIPModel.fromWeights(fixture.config, fixture.weights, { backend: new ReferenceBackend() });
    const { backend, received } = spyBackend();
    const model = await AltCLIPModel.fromWeights(fixture.config, fixture.weights, { backend, towers: ['vision'], onWarning: (m) => expect.fail(m) });
    expect(received.text).toEqual([]);
    expect(received.vision[0]).toContain('visual_projection.weight');
    expect(model.loadReport.unexpectedKeys).toEqual([]);
    expect((await model.getImageFeatures(images)).data).toEqual((await full.getImageFeatures(images)).data);
    const error = await model.getTextFeatures(text).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TowerNotLoadedError);
    expect(error).toMatchObject({ tower: 'text', method: 'getTextFeatures' });
    await Promise.all([model.dispose(), full.dispose()]);
  });

  it('refuses a towers value that is not a non-empty list of text/vision (plain-JS callers too)', async () => {
    for (const towers of [[], ['audio'], ['text', 'text'], 'text']) {
      await expect(AltCLIPModel.fromWeights(fixture.config, fixture.weights, { backend: new ReferenceBackend(), towers: towers as never })).rejects.toThrow(InputValidationError);
    }
  });
});

describe('config output_hidden_states / output_attentions defaults (HF: flag ?? config.flag)', async () => {
  const fixture = await loadFixture();
  const e = (name: string) => fixture.expected.get(name)!;
  const inputs = {
    inputIds: new Tensor('int64', (e('tokenizer/batch/input_ids').data as BigInt64Array).slice(0, 64), [1, 64]),
    attentionMask: new Tensor('int64', (e('tokenizer/batch/attention_mask').data as BigInt64Array).slice(0, 64), [1, 64]),
    pixelValues: new Tensor('float32', (e('image/pixel_values_batch').data as Float32Array).slice(0, 3 * 30 * 30), [1, 3, 30, 30]),
  };

  it('a config saved with output_hidden_states/output_attentions true returns them without per-call flags; a call can still turn them off', async () => {
    const { AltCLIPConfig } = await import('@altclip/config');
    const config = AltCLIPConfig.fromDict({ ...fixture.configJson, output_hidden_states: true, output_attentions: true });
    const model = await AltCLIPModel.fromWeights(config, fixture.weights, { backend: new ReferenceBackend() });
    const out = await model.forward(inputs);
    expect(out.textModelOutput.hiddenStates).toHaveLength(fixture.config.text_config.num_hidden_layers + 1);
    expect(out.textModelOutput.attentions).toHaveLength(fixture.config.text_config.num_hidden_layers);
    expect(out.visionModelOutput.hiddenStates).toHaveLength(fixture.config.vision_config.num_hidden_layers + 1);
    // HF's values (first text of the fixture batch), not just their presence.
    const golden = e('text_model/hidden_states/1');
    const per = golden.size / golden.dims[0];
    const ours = out.textModelOutput.hiddenStates![1].data;
    for (let i = 0; i < per; i++) expect(Math.abs(ours[i] - (golden.data as Float32Array)[i])).toBeLessThan(1e-4);
    const off = await model.forward({ ...inputs, outputHiddenStates: false, outputAttentions: false });
    expect(off.textModelOutput.hiddenStates).toBeUndefined();
    expect(off.visionModelOutput.attentions).toBeUndefined();
    const plain = await AltCLIPModel.fromWeights(fixture.config, fixture.weights, { backend: new ReferenceBackend() });
    expect((await plain.forward(inputs)).textModelOutput.hiddenStates).toBeUndefined();
    await Promise.all([model.dispose(), plain.dispose()]);
  });
});

describe('tower models honour their own config output_* defaults', async () => {
  const fixture = await loadFixture();

  it('AltCLIPTextModel / AltCLIPVisionModel with output_hidden_states in their config return hidden states unasked', async () => {
    const { AltCLIPTextConfig, AltCLIPVisionConfig } = await import('@altclip/config');
    const { AltCLIPTextModel } = await import('./AltCLIPTextModel.js');
    const { AltCLIPVisionModel } = await import('./AltCLIPVisionModel.js');
    const textConfig = AltCLIPTextConfig.fromDict({ ...(fixture.configJson.text_config as Record<string, unknown>), output_hidden_states: true });
    const visionConfig = AltCLIPVisionConfig.fromDict({ ...(fixture.configJson.vision_config as Record<string, unknown>), output_attentions: true });
    const text = await AltCLIPTextModel.fromConfig(textConfig, { backend: new ReferenceBackend() });
    const vision = await AltCLIPVisionModel.fromConfig(visionConfig, { backend: new ReferenceBackend() });
    expect((await text.forward({ inputIds: [[0, 5, 2]] })).hiddenStates).toHaveLength(textConfig.num_hidden_layers + 1);
    expect((await text.forward({ inputIds: [[0, 5, 2]], outputHiddenStates: false })).hiddenStates).toBeUndefined();
    const pixels = new Tensor('float32', new Float32Array(3 * 30 * 30), [1, 3, 30, 30]);
    expect((await vision.forward({ pixelValues: pixels })).attentions).toHaveLength(visionConfig.num_hidden_layers);
    await Promise.all([text.dispose(), vision.dispose()]);
  });
});
