import { AltCLIPModel, Tensor } from '@altclip/core';
import { loadFixture } from '@altclip/core/testing';
import * as webgl from '@tensorflow/tfjs-backend-webgl';
import * as webgpu from '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createTfjsBackend } from './createTfjsBackend.js';

function firstRows<T extends Tensor<'int64'> | Tensor<'float32'>>(t: T, n: number): T {
  const row = t.size / t.dims[0];
  return new Tensor(t.dtype, t.data.slice(0, n * row) as never, [n, ...t.dims.slice(1)]) as T;
}

// GPU runtimes keep tensors in textures/buffers: the same bookkeeping check as the Node test,
// through the public model API, with fewer forwards (SwiftShader is slow).
describe.each(['webgl', 'webgpu'] as const)('tfjs %s: no tensor leaks', (runtime) => {
  it('15 model forwards (30 tower runs) return to the baseline, and dispose() to the pre-load values', async () => {
    const fixture = await loadFixture({});
    const backend = createTfjsBackend({ backend: runtime, runtimes: { webgl, webgpu } });
    await backend.init();
    const before = tf.memory();
    const model = await AltCLIPModel.fromPretrained(fixture.files, { backend });
    const inputIds = firstRows(fixture.expected.get('tokenizer/batch/input_ids') as Tensor<'int64'>, 4);
    const attentionMask = firstRows(fixture.expected.get('tokenizer/batch/attention_mask') as Tensor<'int64'>, 4);
    const pixelValues = firstRows(fixture.expected.get('image/pixel_values_batch') as Tensor<'float32'>, 4);
    await model.forward({ inputIds, attentionMask, pixelValues });
    const baseline = tf.memory();
    for (let i = 0; i < 15; i++) {
      const all = i % 5 === 0;
      await model.forward({ inputIds, attentionMask, pixelValues, outputHiddenStates: all, outputAttentions: all });
    }
    expect(tf.memory().numTensors).toBe(baseline.numTensors);
    expect(tf.memory().numBytes).toBe(baseline.numBytes);
    await model.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});
