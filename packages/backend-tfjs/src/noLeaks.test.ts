import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTfjsBackend } from './createTfjsBackend.js';
import { TowerInputError } from './errors/TowerInputError.js';
import { loadTinyFixture, type TinyFixture } from './tinyFixture.test-util.js';
import { randomPixels, simpleTextInputs } from './syntheticInputs.test-util.js';

describe.each(['wasm', 'cpu'] as const)('tfjs %s: no tensor leaks', (runtime) => {
  const backend = createTfjsBackend({ backend: runtime });
  let fixture: TinyFixture;
  beforeAll(async () => {
    fixture = await loadTinyFixture();
    await backend.init();
  });
  afterAll(() => backend.dispose());

  it('1,000 forwards (plain, with hidden states and attentions, and failing) return to the baseline', async () => {
    const before = tf.memory();
    const text = await backend.loadTextTower(fixture.config.text_config, fixture.text);
    const vision = await backend.loadVisionTower(fixture.config.vision_config, fixture.vision);
    const textInputs = simpleTextInputs(2, 7, fixture.config.text_config.vocab_size);
    const pixels = randomPixels(1, 3, 30, 30);
    const badPixels = randomPixels(1, 3, 24, 30);
    await text.run(textInputs);
    await vision.run({ pixelValues: pixels });
    const baseline = tf.memory();

    for (let i = 0; i < 500; i++) {
      const all = i % 10 === 0;
      const options = { outputHiddenStates: all, outputAttentions: all };
      await text.run(textInputs, options);
      await vision.run({ pixelValues: pixels }, options);
      if (i % 100 === 0) await expect(vision.run({ pixelValues: badPixels })).rejects.toBeInstanceOf(TowerInputError);
    }

    const after = tf.memory();
    expect(after.numTensors).toBe(baseline.numTensors);
    expect(after.numBytes).toBe(baseline.numBytes);

    await text.dispose();
    await vision.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});
