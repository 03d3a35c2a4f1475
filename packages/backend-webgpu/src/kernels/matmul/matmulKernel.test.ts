import { describe, expect, it } from 'vitest';
import { maxAbsDiff, randomArray, runKernels, skipNote, testGpu, uploadTensor } from '../../testing/testGpu.js';
import { recordMatmul } from './matmulKernel.js';
import { matmulReference } from './matmulReference.js';

const gpu = await testGpu();

describe.skipIf(!gpu.context)(`matmul kernel vs reference${skipNote(gpu)}`, () => {
  const context = gpu.context!;

  // Shapes straddle the 64×64×16 tile: exact multiples, one past, and tiny.
  it.each([
    [1, 1, 1],
    [64, 64, 16],
    [65, 37, 33],
    [130, 96, 17],
    [7, 200, 70],
  ])('M=%i N=%i K=%i with bias, gelu and residual', async (M, N, K) => {
    const a = randomArray(M * K, M * 7 + 1);
    const w = randomArray(N * K, N * 13 + 2, 1 / Math.sqrt(K));
    const bias = randomArray(N, K + 3, 0.5);
    const residual = randomArray(M * N, 99);
    const [out] = await runKernels(context, (b) => [
      recordMatmul(b, {
        a: uploadTensor(context, a, [M, K], 'f32'),
        weight: uploadTensor(context, w, [N, K], 'f32'),
        bias: uploadTensor(context, bias, [N], 'f32'),
        residual: uploadTensor(context, residual, [M, N], 'f32'),
        activation: 'gelu',
        storage: 'f32',
      }),
    ]);
    const expected = matmulReference(a, w, M, N, K, { bias, residual, activation: 'gelu' });
    expect(maxAbsDiff(out, expected)).toBeLessThan(2e-6);
  });

  it('reads every lda-th row when rows and lda are given (pooling the first token)', async () => {
    const [B, L, K, N] = [3, 5, 24, 16];
    const a = randomArray(B * L * K, 5);
    const w = randomArray(N * K, 6, 0.3);
    const [out] = await runKernels(context, (b) => [
      recordMatmul(b, {
        a: uploadTensor(context, a, [B * L, K], 'f32'),
        weight: uploadTensor(context, w, [N, K], 'f32'),
        rows: B,
        lda: L * K,
        storage: 'f32',
      }),
    ]);
    const firstRows = new Float32Array(B * K);
    for (let b = 0; b < B; b++) firstRows.set(a.subarray(b * L * K, b * L * K + K), b * K);
    expect(maxAbsDiff(out, matmulReference(firstRows, w, B, N, K))).toBeLessThan(1e-6);
  });
});
