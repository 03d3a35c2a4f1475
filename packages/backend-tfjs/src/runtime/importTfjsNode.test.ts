import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { createTfjsBackend } from '../createTfjsBackend.js';
import { loadTinyFixture } from '../tinyFixture.test-util.js';
import { randomPixels } from '../syntheticInputs.test-util.js';

// @tensorflow/tfjs-node cannot be installed here (its install downloads libtensorflow). This stands
// in for it the way the real package behaves on import: it registers a backend named 'tensorflow'
// in the global engine (here: tfjs' cpu backend and kernels under that name).
vi.mock('@tensorflow/tfjs-node', async () => {
  const { MathBackendCPU } = await import('@tensorflow/tfjs-backend-cpu');
  const core = await import('@tensorflow/tfjs-core');
  core.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
  for (const kernel of core.getKernelsForBackend('cpu')) core.registerKernel({ ...kernel, backendName: 'tensorflow' });
  return {};
});

describe('optional @tensorflow/tfjs-node', () => {
  it('is the default Node runtime when it loads, and runs the towers', async () => {
    const backend = createTfjsBackend();
    await backend.init();
    expect(backend.runtime).toEqual({ name: 'tensorflow', environment: 'node', precision: 'float32' });
    expect(tf.getBackend()).toBe('tensorflow');
    const fixture = await loadTinyFixture();
    const vision = await backend.loadVisionTower(fixture.config.vision_config, fixture.vision);
    const out = await vision.run({ pixelValues: randomPixels(1, 3, 30, 30) });
    expect(out.embeds?.dims).toEqual([1, 16]);
    await backend.dispose();
  });
});
