import { AltCLIPConfig } from '@altclip/config';
import { describe, expect, it } from 'vitest';
import { writeSafetensors } from '../checkpoint/safetensors/writeSafetensors.js';
import { memoryFiles } from '@altclip/hub';
import { AltCLIPModel } from '../model/AltCLIPModel.js';
import { AltCLIPTextModel } from '../model/AltCLIPTextModel.js';
import { AltCLIPVisionModel } from '../model/AltCLIPVisionModel.js';
import { loadFixture } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { ConfigCheckpointMismatchError } from './ConfigCheckpointMismatchError.js';
import { checkConfigAgainstCheckpoint } from './checkConfigAgainstCheckpoint.js';
import { altclipParameters, textParameters, visionParameters } from './ModelParameters.js';
import { ModelSizeError } from './ModelSizeError.js';
import { DEFAULT_MAX_PARAMETER_BYTES, sizeParts } from './parameterBudget.js';

// config.json as a test edits it: nested objects of any shape.
// biome-ignore lint/suspicious/noExplicitAny: tests poke arbitrary fields of a JSON document
type Cfg = Record<string, any>;

describe('config checked against checkpoint shapes before allocation', async () => {
  const fixture = await loadFixture();
  const backend = new ReferenceBackend();
  const shapes = new Map([...fixture.weights].map(([n, t]) => [n, t.dims]));
  const read = async (f: string) => {
    const source = (await fixture.files.open(f))!;
    return (await source.read(0, source.size)).slice();
  };
  const bin = await read('pytorch_model.bin');
  const safetensors = await read('model.safetensors');
  const withConfig = (edit: (c: Cfg) => void, weights: Record<string, Uint8Array> = { 'model.safetensors': safetensors }) => {
    const config = structuredClone(fixture.configJson) as Cfg;
    edit(config);
    return memoryFiles({ 'config.json': JSON.stringify(config), ...weights }, 'hostile');
  };
  // Heap and buffers together: a refused load must not have allocated what the config declares.
  const allocated = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

  it('sizes computed from one layer equal the sum over every parameter', () => {
    for (const config of [fixture.config, AltCLIPConfig.fromDict({ ...fixture.configJson, text_config: { ...(fixture.configJson.text_config as object), num_hidden_layers: 5 } })]) {
      for (const model of [altclipParameters(config), textParameters(config.text_config), visionParameters(config.vision_config)]) {
        const all = model.specs();
        const parts = sizeParts(model);
        expect(parts.reduce((n, p) => n + p.elements, 0)).toBe(all.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0));
        expect(parts.reduce((n, p) => n + p.tensors, 0)).toBe(all.length);
      }
    }
  });

  it('accepts the fixture checkpoint for all three model classes', () => {
    expect(() => checkConfigAgainstCheckpoint(altclipParameters(fixture.config), shapes, 'fixture')).not.toThrow();
    expect(() => checkConfigAgainstCheckpoint(textParameters(fixture.config.text_config), shapes, 'fixture')).not.toThrow();
    expect(() => checkConfigAgainstCheckpoint(visionParameters(fixture.config.vision_config), shapes, 'fixture')).not.toThrow();
  });

  const hostile: [string, (c: Cfg) => void, string, number, number][] = [
    ['text hidden_size: 1e6', (c) => (c.text_config.hidden_size = 1e6), 'text_config.hidden_size', 1e6, 32],
    ['text num_hidden_layers: 1e6', (c) => (c.text_config.num_hidden_layers = 1e6), 'text_config.num_hidden_layers', 1e6, 2],
    ['vision hidden_size: 1e9', (c) => (c.vision_config.hidden_size = 1e9), 'vision_config.hidden_size', 1e9, 32],
    ['vision num_hidden_layers: 1e6', (c) => (c.vision_config.num_hidden_layers = 1e6), 'vision_config.num_hidden_layers', 1e6, 2],
    ['vision image_size', (c) => (c.vision_config.image_size = 60_000), 'vision_config.image_size', 1e8 + 1, 26],
    ['text vocab_size', (c) => (c.text_config.vocab_size = 1e8), 'text_config.vocab_size', 1e8, 3002],
    ['projection_dim', (c) => (c.projection_dim = 1e7), 'projection_dim', 1e7, 16],
  ];
  for (const [what, edit, field, configValue, checkpointValue] of hostile) {
    for (const [format, weights] of [
      ['safetensors', { 'model.safetensors': safetensors }],
      ['pytorch_model.bin', { 'pytorch_model.bin': bin }],
    ] as const) {
      it(`${what} (${format}): typed error naming ${field}, nothing allocated`, async () => {
        const before = allocated();
        const error = await AltCLIPModel.fromPretrained(withConfig(edit, weights), { backend }).catch((e: unknown) => e);
        expect(allocated() - before).toBeLessThan(64 * 1024 ** 2);
        expect(error).toBeInstanceOf(ConfigCheckpointMismatchError);
        const problem = (error as ConfigCheckpointMismatchError).problems.find((p) => p.field === field);
        expect(problem, (error as Error).message).toMatchObject({ configValue, checkpointValue });
        expect((error as Error).message).toContain(field);
      });
    }
  }

  it('tower models name their own fields, and read no weights', async () => {
    let reads = 0;
    const files = withConfig((c) => (c.text_config.hidden_size = 1e6));
    const counting = { name: files.name, open: async (f: string) => {
      const source = await files.open(f);
      if (!source || f !== 'model.safetensors') return source;
      const read = (o: number, n: number) => {
        reads += n;
        return source.read(o, n);
      };
      return { size: source.size, name: source.name, read };
    } };
    const error = await AltCLIPTextModel.fromPretrained(counting, { backend }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigCheckpointMismatchError);
    expect((error as ConfigCheckpointMismatchError).problems[0].field).toBe('hidden_size');
    // Only the 8-byte length and the JSON header were read.
    expect(reads).toBeLessThan(safetensors.length / 4);
    const vision = await AltCLIPVisionModel.fromPretrained(withConfig((c) => (c.vision_config.patch_size = 5)), { backend }).catch((e: unknown) => e);
    expect(vision).toBeInstanceOf(ConfigCheckpointMismatchError);
    expect((vision as ConfigCheckpointMismatchError).problems.map((p) => p.field)).toContain('patch_size');
  });

  it('sharded checkpoints are checked from the shard headers', async () => {
    const names = [...fixture.weights.keys()];
    const half = (i: number) => new Map(names.filter((_, k) => k % 2 === i).map((n) => [n, fixture.weights.get(n)!]));
    const index = { metadata: {}, weight_map: Object.fromEntries(names.map((n, k) => [n, `model-0000${(k % 2) + 1}-of-00002.safetensors`])) };
    const files = withConfig((c) => (c.text_config.intermediate_size = 1e7), {
      'model.safetensors.index.json': new TextEncoder().encode(JSON.stringify(index)),
      'model-00001-of-00002.safetensors': writeSafetensors(half(0)),
      'model-00002-of-00002.safetensors': writeSafetensors(half(1)),
    });
    const error = await AltCLIPModel.fromPretrained(files, { backend }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigCheckpointMismatchError);
    expect((error as ConfigCheckpointMismatchError).problems.map((p) => p.field)).toEqual(['text_config.intermediate_size']);
  });

  it('fewer layers in the config than in the checkpoint load as HF does (extra layers unused)', async () => {
    const warnings: string[] = [];
    const model = await AltCLIPModel.fromPretrained(withConfig((c) => (c.text_config.num_hidden_layers = 1)), { backend, onWarning: (m) => warnings.push(m) });
    expect(model.loadReport.unexpectedKeys.some((k) => k.startsWith('text_model.roberta.encoder.layer.1.'))).toBe(true);
    expect(warnings.length).toBe(1);
  });

  it('ignoreMismatchedSizes re-initialises within maxParameterBytes, and refuses beyond it before allocating', async () => {
    const warnings: string[] = [];
    const model = await AltCLIPModel.fromPretrained(withConfig((c) => (c.text_config.num_hidden_layers = 3)), {
      backend,
      ignoreMismatchedSizes: true,
      onWarning: (m) => warnings.push(m),
    });
    expect(model.loadReport.missingKeys.filter((k) => k.includes('.layer.2.')).length).toBe(16);
    const before = allocated();
    for (const edit of [(c: Cfg) => (c.text_config.hidden_size = 1e6), (c: Cfg) => (c.vision_config.num_hidden_layers = 1e6)]) {
      const error = await AltCLIPModel.fromPretrained(withConfig(edit), { backend, ignoreMismatchedSizes: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelSizeError);
    }
    expect(allocated() - before).toBeLessThan(64 * 1024 ** 2);
  });

  it('a text-only checkpoint with a huge vision config is refused: the whole vision tower would be random', async () => {
    const textOnly = new Map([...fixture.weights].filter(([n]) => n.startsWith('text_model.')));
    const files = withConfig((c) => (c.vision_config.hidden_size = 1e6), { 'model.safetensors': writeSafetensors(textOnly) });
    const error = await AltCLIPModel.fromPretrained(files, { backend }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelSizeError);
    expect((error as ModelSizeError).field).toBe('vision_config.hidden_size');
    expect((error as ModelSizeError).limit).toBe(DEFAULT_MAX_PARAMETER_BYTES);
  });

  it('fromWeights checks the state dict the same way', async () => {
    const config = AltCLIPConfig.fromDict({ ...fixture.configJson, projection_dim: 1e6 });
    await expect(AltCLIPModel.fromWeights(config, fixture.weights, { backend })).rejects.toThrow(/projection_dim: the config implies 1000000, the checkpoint has 16/);
  });
});

describe('fromConfig refuses models above maxParameterBytes unless asked', async () => {
  const fixture = await loadFixture();
  const backend = new ReferenceBackend();
  const edit = (patch: Record<string, unknown>, tower: 'text_config' | 'vision_config') => ({
    ...fixture.configJson,
    [tower]: { ...(fixture.configJson[tower] as object), ...patch },
  });

  it('names the field that makes the model too big, before allocating', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const cases: [Record<string, unknown>, string][] = [
      [edit({ hidden_size: 1e6 }, 'text_config'), 'text_config.hidden_size'],
      [edit({ num_hidden_layers: 1e6 }, 'text_config'), 'text_config.num_hidden_layers'],
      [edit({ hidden_size: 1e9 }, 'vision_config'), 'vision_config.hidden_size'],
      [edit({ vocab_size: 1e9 }, 'text_config'), 'text_config.vocab_size'],
    ];
    for (const [config, field] of cases) {
      const error = await AltCLIPModel.fromConfig(config, { backend }).catch((e: unknown) => e);
      expect(error, String(error)).toBeInstanceOf(ModelSizeError);
      expect((error as ModelSizeError).field).toBe(field);
      expect((error as Error).message).toContain(field);
    }
    const text = await AltCLIPTextModel.fromConfig({ ...(fixture.configJson.text_config as object), num_hidden_layers: 1e6 }, { backend }).catch((e: unknown) => e);
    expect((text as ModelSizeError).field).toBe('num_hidden_layers');
    const vision = await AltCLIPVisionModel.fromConfig({ ...(fixture.configJson.vision_config as object), hidden_size: 1e9 }, { backend }).catch((e: unknown) => e);
    expect((vision as ModelSizeError).field).toBe('hidden_size');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 ** 2);
  });

  it('a stated limit applies, and a larger one lets the model through', async () => {
    const bytes = sizeParts(altclipParameters(fixture.config)).reduce((n, p) => n + 4 * p.elements, 0);
    await expect(AltCLIPModel.fromConfig(fixture.configJson, { backend, maxParameterBytes: bytes - 1 })).rejects.toThrow(ModelSizeError);
    await expect(AltCLIPModel.fromConfig(fixture.configJson, { backend, maxParameterBytes: bytes })).resolves.toBeDefined();
    // BAAI/AltCLIP itself (3.46 GB of float32) fits the default limit; its size is computed, not allocated.
    const { BAAI_ALTCLIP_CONFIG } = await import('@altclip/config');
    const baai = sizeParts(altclipParameters(AltCLIPConfig.fromDict(BAAI_ALTCLIP_CONFIG as Record<string, unknown>))).reduce((n, p) => n + 4 * p.elements, 0);
    expect(baai).toBeGreaterThan(3.4e9);
    expect(baai).toBeLessThan(DEFAULT_MAX_PARAMETER_BYTES);
  });
});

describe('a checkpoint that really has as many layers as a huge config', () => {
  it('is refused by parameter count before the parameters are listed', () => {
    const layers = 7_000;
    const config = AltCLIPConfig.fromDict({ text_config: { hidden_size: 4, num_attention_heads: 1, intermediate_size: 4, vocab_size: 8, num_hidden_layers: layers, project_dim: 4, max_position_embeddings: 8 } });
    // Only the shapes matter to the check; one layer-N tensor per layer stands in for a 100 MB header.
    const shapes = new Map<string, readonly number[]>([['text_model.roberta.embeddings.word_embeddings.weight', [8, 4]]]);
    for (let i = 0; i < layers; i++) shapes.set(`text_model.roberta.encoder.layer.${i}.output.LayerNorm.bias`, [4]);
    const error = (() => {
      try {
        checkConfigAgainstCheckpoint(altclipParameters(config), shapes, 'huge');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ModelSizeError);
    expect((error as ModelSizeError).field).toBe('text_config.num_hidden_layers');
  });
});
