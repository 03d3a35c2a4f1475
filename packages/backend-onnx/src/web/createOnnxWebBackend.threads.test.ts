import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { OnnxBackendError } from '../backend/OnnxBackendError.js';
import type { OrtModule } from '../runtime/OrtModule.js';
import { createOnnxWebBackend } from './createOnnxWebBackend.js';

/** Just enough of an ORT module for init(): its env.wasm, which is what numThreads configures. */
const fakeOrt = (numThreads?: number) => ({ env: { wasm: { numThreads } }, InferenceSession: { create: async () => { throw new Error('unused'); } }, Tensor: class {} }) as unknown as OrtModule & { env: { wasm: { numThreads?: number } } };

describe('onnx-web numThreads', () => {
  it('passes numThreads to ort.env.wasm.numThreads before ORT initialises', async () => {
    const ort = fakeOrt();
    await createOnnxWebBackend({ ort, numThreads: 3 }).init();
    expect(ort.env.wasm.numThreads).toBe(3);
  });

  it('defaults to every logical CPU in Node (ORT would use half, at most 4), and keeps what the app set', async () => {
    const ort = fakeOrt();
    await createOnnxWebBackend({ ort }).init();
    expect(ort.env.wasm.numThreads).toBe(availableParallelism());
    const set = fakeOrt(1);
    await createOnnxWebBackend({ ort: set }).init();
    expect(set.env.wasm.numThreads).toBe(1);
  });

  it('refuses a non-positive or fractional count, naming the option', () => {
    expect(() => createOnnxWebBackend({ numThreads: 0 })).toThrow(OnnxBackendError);
    expect(() => createOnnxWebBackend({ numThreads: 1.5 })).toThrow(/options\.numThreads/);
  });
});
