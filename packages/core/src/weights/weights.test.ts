import { AltCLIPConfig } from '@altclip/config';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor/Tensor.js';
import { loadFixture } from '../testing/loadFixture.js';
import { CheckpointError } from './CheckpointError.js';
import { loadReportWarnings } from './LoadReport.js';
import { modelParameterSpecs, textParameterSpecs, visionParameterSpecs } from './ParameterSpec.js';
import { initializeParameters } from './initializeParameters.js';
import { matchStateDict, remapCheckpointKeys, towerWeights } from './matchStateDict.js';

describe('weights', async () => {
  const fixture = await loadFixture();

  it('knows every parameter of the HF checkpoint with its shape, and nothing more', () => {
    const specs = modelParameterSpecs(fixture.config);
    expect(specs.map((s) => s.name).sort()).toEqual([...fixture.weights.keys()].sort());
    for (const spec of specs) expect(fixture.weights.get(spec.name)!.dims, spec.name).toEqual(spec.shape);
  });

  it('loads the fixture cleanly', () => {
    const { report } = matchStateDict('AltCLIPModel', modelParameterSpecs(fixture.config), fixture.weights, 'full');
    expect(report).toEqual({ missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
  });

  it('loads a text tower from a full checkpoint, reporting the rest unused', () => {
    const { weights, report } = matchStateDict('AltCLIPTextModel', textParameterSpecs(fixture.config.text_config), fixture.weights, 'text');
    expect(report.missingKeys).toEqual([]);
    expect(report.unexpectedKeys).toContain('logit_scale');
    expect(report.unexpectedKeys).toContain('vision_model.post_layernorm.weight');
    expect(weights.get('pre_LN.weight')).toBe(fixture.weights.get('text_model.pre_LN.weight'));
    expect(loadReportWarnings(report, 'AltCLIPTextModel', 'ckpt')[0]).toMatch(/^Some weights of the model checkpoint at ckpt were not used when initializing AltCLIPTextModel: \[/);
  });

  it('loads a full model from a text-tower checkpoint, initialising and reporting the rest', () => {
    const textOnly = new Map([...fixture.weights].filter(([k]) => k.startsWith('text_model.')).map(([k, v]) => [k.slice('text_model.'.length), v]));
    expect(remapCheckpointKeys(textOnly.keys(), 'full').get('pre_LN.weight')).toBe('text_model.pre_LN.weight');
    const { weights, report } = matchStateDict('AltCLIPModel', modelParameterSpecs(fixture.config), textOnly, 'full');
    expect(report.unexpectedKeys).toEqual([]);
    expect(report.missingKeys).toContain('logit_scale');
    expect(report.missingKeys.every((k) => !k.startsWith('text_model.'))).toBe(true);
    expect(weights.get('logit_scale')!.data[0]).toBeCloseTo(fixture.config.logit_scale_init_value, 6);
  });

  it('drops stored buffers silently, as HF does', () => {
    const withBuffers = new Map(fixture.weights);
    withBuffers.set('text_model.roberta.embeddings.position_ids', new Tensor('int64', new BigInt64Array(66), [1, 66]));
    withBuffers.set('vision_model.embeddings.position_ids', new Tensor('int64', new BigInt64Array(26), [1, 26]));
    expect(matchStateDict('AltCLIPModel', modelParameterSpecs(fixture.config), withBuffers, 'full').report.unexpectedKeys).toEqual([]);
  });

  it('refuses mis-shaped tensors with HF size-mismatch message unless asked to ignore them', () => {
    const bad = new Map(fixture.weights);
    bad.set('text_projection.weight', new Tensor('float32', new Float32Array(16 * 25), [16, 25]));
    const specs = modelParameterSpecs(fixture.config);
    expect(() => matchStateDict('AltCLIPModel', specs, bad, 'full')).toThrow(CheckpointError);
    expect(() => matchStateDict('AltCLIPModel', specs, bad, 'full')).toThrow(
      'size mismatch for text_projection.weight: copying a param with shape torch.Size([16, 25]) from checkpoint, the shape in current model is torch.Size([16, 24]).',
    );
    const { weights, report } = matchStateDict('AltCLIPModel', specs, bad, 'full', { ignoreMismatchedSizes: true });
    expect(report.mismatchedKeys).toEqual([{ key: 'text_projection.weight', checkpointShape: [16, 25], modelShape: [16, 24] }]);
    expect(weights.get('text_projection.weight')!.dims).toEqual([16, 24]);
  });

  it('splits full weights into the contract tower maps', () => {
    const text = towerWeights(fixture.weights, 'text');
    expect(text.has('roberta.embeddings.word_embeddings.weight')).toBe(true);
    expect(text.has('text_projection.weight')).toBe(true);
    expect(text.has('visual_projection.weight')).toBe(false);
    const vision = towerWeights(fixture.weights, 'vision');
    expect(vision.has('embeddings.patch_embedding.weight')).toBe(true);
    expect(vision.has('visual_projection.weight')).toBe(true);
    expect(vision.has('logit_scale')).toBe(false);
  });

  it("initialises like HF's _init_weights, reproducibly per seed", () => {
    const config = AltCLIPConfig.fromDict(fixture.configJson);
    const a = initializeParameters(modelParameterSpecs(config), 7);
    const b = initializeParameters(modelParameterSpecs(config), 7);
    expect(a.get('text_model.roberta.encoder.layer.0.attention.self.query.weight')!.data).toEqual(b.get('text_model.roberta.encoder.layer.0.attention.self.query.weight')!.data);
    expect([...a.get('vision_model.post_layernorm.weight')!.data].every((v) => v === 1)).toBe(true);
    expect([...a.get('text_model.transformation.bias')!.data].every((v) => v === 0)).toBe(true);
    const word = a.get('text_model.roberta.embeddings.word_embeddings.weight')!;
    expect([...word.data.subarray(32, 64)].every((v) => v === 0)).toBe(true); // padding_idx 1
    const std = (t: Tensor) => Math.sqrt([...t.data].reduce((s, v) => s + Number(v) ** 2, 0) / t.size);
    // Text modules: N(0, text initializer_factor = 0.02); vision fc1: (2·hidden)^-0.5 · factor.
    expect(std(word)).toBeCloseTo(0.02, 2);
    expect(std(a.get('vision_model.encoder.layers.0.mlp.fc1.weight')!)).toBeCloseTo(64 ** -0.5, 1);
    expect(a.get('logit_scale')!.data[0]).toBeCloseTo(2.6592, 6);
    expect(visionParameterSpecs(config.vision_config, 1).length).toBe(5 + 16 * 2 + 2);
  });
});
