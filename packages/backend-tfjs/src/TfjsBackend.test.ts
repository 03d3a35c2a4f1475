import { Tensor } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTfjsBackend } from './createTfjsBackend.js';
import { TfjsRuntimeError } from './errors/TfjsRuntimeError.js';
import { TowerConfigError } from './errors/TowerConfigError.js';
import { TowerDisposedError } from './errors/TowerDisposedError.js';
import { TowerInputError } from './errors/TowerInputError.js';
import { TowerWeightError } from './errors/TowerWeightError.js';
import type { TfjsRuntimeName } from './runtime/TfjsRuntimeName.js';
import { loadTinyFixture, type TinyFixture } from './tinyFixture.test-util.js';
import { randomPixels, simpleTextInputs } from './syntheticInputs.test-util.js';

describe('runtime selection (Node)', () => {
  it('prefers wasm with SIMD when @tensorflow/tfjs-node is not installed', async () => {
    const backend = createTfjsBackend();
    await backend.init();
    expect(backend.runtime).toMatchObject({ name: 'wasm', environment: 'node', precision: 'float32', simd: true });
    expect(tf.getBackend()).toBe('wasm');
    expect(backend.capabilities.dtypes).toEqual(['fp32']);
  });

  it("reports a missing optional peer for a forced 'tensorflow'", async () => {
    const error = await createTfjsBackend({ backend: 'tensorflow' }).init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TfjsRuntimeError);
    expect((error as Error).message).toContain('@tensorflow/tfjs-node');
  });

  it('rejects an unknown runtime name', async () => {
    await expect(createTfjsBackend({ backend: 'metal' as TfjsRuntimeName }).init()).rejects.toThrow(/option 'backend' must be one of/);
  });

  it('forced cpu becomes the active tfjs backend', async () => {
    const backend = createTfjsBackend({ backend: 'cpu' });
    await backend.init();
    expect(backend.runtime?.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('typed errors instead of tfjs shape errors', () => {
  const backend = createTfjsBackend({ backend: 'wasm' });
  let fixture: TinyFixture;
  beforeAll(async () => {
    fixture = await loadTinyFixture();
  });
  afterAll(() => backend.dispose());

  it('refuses dtypes tfjs has no tensors for', async () => {
    await expect(backend.loadTextTower(fixture.config.text_config, fixture.text, { dtype: 'fp16' })).rejects.toThrow(TfjsRuntimeError);
    await expect(backend.loadVisionTower(fixture.config.vision_config, fixture.vision, { dtype: 'int8' })).rejects.toThrow(/'int8' is not available/);
  });

  it('names a missing or mis-shaped weight and frees what was already loaded', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const missing = new Map(fixture.text);
    missing.delete('roberta.encoder.layer.1.output.dense.bias');
    await expect(backend.loadTextTower(fixture.config.text_config, missing)).rejects.toThrow(
      new TowerWeightError("text tower weights: 'roberta.encoder.layer.1.output.dense.bias' is missing"),
    );
    const misShaped = new Map(fixture.vision);
    misShaped.set('pre_layrnorm.weight', new Tensor('float32', new Float32Array(31), [31]));
    await expect(backend.loadVisionTower(fixture.config.vision_config, misShaped)).rejects.toThrow(/'pre_layrnorm.weight' has shape \[31\], expected \[32\]/);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('rejects an activation it does not implement', async () => {
    const config = { ...fixture.config.vision_config.toDict(), hidden_act: 'softsign' };
    await expect(backend.loadVisionTower(config as never, fixture.vision)).rejects.toThrow(TowerConfigError);
  });

  it('validates text inputs against the config', async () => {
    const text = await backend.loadTextTower(fixture.config.text_config, fixture.text);
    const good = simpleTextInputs(2, 5, 3002);
    const wrongIds = new Tensor('int64', new BigInt64Array(10).fill(3002n), [2, 5]);
    await expect(text.run({ ...good, inputIds: wrongIds })).rejects.toThrow(new TowerInputError('inputIds: value 3002 at flat index 0 is outside [0, 3002) (text_config.vocab_size)'));
    const longPositions = new Tensor('int64', new BigInt64Array(10).fill(66n), [2, 5]);
    await expect(text.run({ ...good, positionIds: longPositions })).rejects.toThrow(/positionIds: .*max_position_embeddings/);
    const shortMask = new Tensor('float32', new Float32Array(5), [1, 5]);
    await expect(text.run({ ...good, additiveMask: shortMask })).rejects.toThrow(new TowerInputError('additiveMask: expected shape [2, 5] (same as inputIds), got [1, 5]'));
    const flat = new Tensor('int64', new BigInt64Array(5), [5]);
    await expect(text.run({ ...good, inputIds: flat as never })).rejects.toThrow(TowerInputError);
    await text.dispose();
    await expect(text.run(good)).rejects.toThrow(TowerDisposedError);
  });

  it('validates pixel values and an interpolated position table', async () => {
    const vision = await backend.loadVisionTower(fixture.config.vision_config, fixture.vision);
    await expect(vision.run({ pixelValues: randomPixels(1, 1, 30, 30) })).rejects.toThrow(/expected 3 channels/);
    await expect(vision.run({ pixelValues: randomPixels(1, 3, 36, 30) })).rejects.toThrow(/gives 30 patches but vision_config.image_size 30 has 25/);
    const table = new Tensor('float32', new Float32Array(26 * 32), [26, 32]);
    await expect(vision.run({ pixelValues: randomPixels(1, 3, 36, 48), positionEmbedding: table })).rejects.toThrow(
      new TowerInputError('positionEmbedding: expected float32 [49, 32] for a 36×48 image, got float32 [26, 32]'),
    );
    await vision.dispose();
  });

  it('drops outputs that were not asked for and returns bare-tower outputs without a projection', async () => {
    const bare = new Map(fixture.vision);
    bare.delete('visual_projection.weight');
    const vision = await backend.loadVisionTower(fixture.config.vision_config, bare);
    const out = await vision.run({ pixelValues: randomPixels(2, 3, 30, 30) });
    expect(Object.keys(out).sort()).toEqual(['lastHiddenState', 'poolerOutput']);
    expect(out.lastHiddenState.dims).toEqual([2, 26, 32]);
    await vision.dispose();
  });

  it('dispose() of the backend frees every tower it loaded', async () => {
    const own = createTfjsBackend({ backend: 'wasm' });
    await own.init();
    const before = tf.memory();
    const text = await own.loadTextTower(fixture.config.text_config, fixture.text);
    const vision = await own.loadVisionTower(fixture.config.vision_config, fixture.vision);
    await vision.dispose(); // already gone: the backend must not trip over it
    await own.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    await expect(text.run(simpleTextInputs(1, 3, 3002))).rejects.toThrow(TowerDisposedError);
    await expect(own.init()).rejects.toThrow(TowerDisposedError);
  });
});
