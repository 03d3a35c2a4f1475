import { describe, expect, it } from 'vitest';
import { maxAbsDiff, randomArray, runKernels, skipNote, testGpu, uploadTensor } from '../../testing/testGpu.js';
import { recordPatchEmbedding } from './patchEmbeddingKernel.js';
import { patchEmbeddingReference } from './patchEmbeddingReference.js';

const gpu = await testGpu();

describe.skipIf(!gpu.context)(`patchEmbedding kernel vs reference${skipNote(gpu)}`, () => {
  const context = gpu.context!;

  it.each([
    // [batch, channels, height, width, patch, hidden]
    [1, 3, 6, 6, 6, 4],
    [2, 3, 30, 30, 6, 32],
    // Non-square, and 2 rows/columns of pixels past the last whole patch.
    [3, 3, 38, 50, 6, 20],
    [1, 1, 14, 28, 7, 65],
  ])('B=%i C=%i H=%i W=%i patch=%i hidden=%i', async (B, C, H, W, patch, hidden) => {
    const tokens = 1 + Math.floor(H / patch) * Math.floor(W / patch);
    const pixels = randomArray(B * C * H * W, H * W);
    const weight = randomArray(hidden * C * patch * patch, 2, 1 / patch);
    const cls = randomArray(hidden, 3, 0.01);
    const position = randomArray(tokens * hidden, 4, 0.01);
    const [out] = await runKernels(context, (b) => [
      recordPatchEmbedding(b, {
        pixels: uploadTensor(context, pixels, [B, C, H, W], 'f32'),
        weight: uploadTensor(context, weight, [hidden, C, patch, patch], 'f32'),
        classEmbedding: uploadTensor(context, cls, [hidden], 'f32'),
        positionEmbedding: uploadTensor(context, position, [tokens, hidden], 'f32'),
        storage: 'f32',
      }),
    ]);
    const expected = patchEmbeddingReference(pixels, [B, C, H, W], weight, hidden, patch, cls, position);
    expect(maxAbsDiff(out, expected)).toBeLessThan(2e-6);
  });
});
