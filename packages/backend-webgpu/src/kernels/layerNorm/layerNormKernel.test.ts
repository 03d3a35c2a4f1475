import { describe, expect, it } from 'vitest';
import { maxAbsDiff, randomArray, runKernels, skipNote, testGpu, uploadTensor } from '../../testing/testGpu.js';
import { recordLayerNorm } from './layerNormKernel.js';
import { layerNormReference } from './layerNormReference.js';

const gpu = await testGpu();

describe.skipIf(!gpu.context)(`layerNorm kernel vs reference${skipNote(gpu)}`, () => {
  const context = gpu.context!;

  it.each([
    [1, 1, 1e-5],
    [5, 32, 1e-5],
    [33, 100, 1e-12],
    [3, 768, 1e-5],
  ])('rows=%i cols=%i eps=%f', async (rows, cols, eps) => {
    // An offset mean and a small spread make eps and the two-pass variance matter.
    const x = randomArray(rows * cols, rows + cols, 0.01).map((v) => v + 3);
    const gamma = randomArray(cols, 2).map((v) => 1 + 0.3 * v);
    const beta = randomArray(cols, 3, 0.2);
    const [out] = await runKernels(context, (b) => [
      recordLayerNorm(b, {
        x: uploadTensor(context, x, [rows, cols], 'f32'),
        weight: uploadTensor(context, gamma, [cols], 'f32'),
        bias: uploadTensor(context, beta, [cols], 'f32'),
        eps,
        storage: 'f32',
      }),
    ]);
    expect(maxAbsDiff(out, layerNormReference(x, gamma, beta, rows, cols, eps))).toBeLessThan(2e-4);
  });

  it('normalises every inStride-th row (CLS tokens of a batch)', async () => {
    const [B, T, H] = [3, 7, 32];
    const x = randomArray(B * T * H, 11);
    const gamma = randomArray(H, 12).map((v) => 1 + 0.3 * v);
    const beta = randomArray(H, 13, 0.2);
    const [out] = await runKernels(context, (b) => [
      recordLayerNorm(b, {
        x: uploadTensor(context, x, [B * T, H], 'f32'),
        weight: uploadTensor(context, gamma, [H], 'f32'),
        bias: uploadTensor(context, beta, [H], 'f32'),
        eps: 1e-5,
        rows: B,
        inStride: T * H,
        storage: 'f32',
      }),
    ]);
    expect(maxAbsDiff(out, layerNormReference(x, gamma, beta, B, H, 1e-5, T * H))).toBeLessThan(2e-6);
  });
});
