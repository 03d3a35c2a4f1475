import { describe, expect, it } from 'vitest';
import { maxAbsDiff, randomArray, runKernels, skipNote, testGpu, uploadTensor } from '../../testing/testGpu.js';
import { recordEmbeddingGather } from './embeddingGatherKernel.js';
import { embeddingGatherReference } from './embeddingGatherReference.js';

const gpu = await testGpu();

describe.skipIf(!gpu.context)(`embeddingGather kernel vs reference${skipNote(gpu)}`, () => {
  const context = gpu.context!;

  it.each([
    [1, 1, 8],
    [3, 11, 32],
    [2, 70, 100],
  ])('batch=%i seq=%i hidden=%i', async (B, L, hidden) => {
    const [vocab, types, positions] = [50, 2, L + 2];
    const tokens = B * L;
    const ids = Int32Array.from({ length: tokens }, (_, i) => (i * 37 + 5) % vocab);
    const typeIds = Int32Array.from({ length: tokens }, (_, i) => i % types);
    // RoBERTa-style: pads get position 1, real tokens 2, 3, …
    const positionIds = Int32Array.from({ length: tokens }, (_, i) => (i % L < L - 1 ? 2 + (i % L) : 1));
    const word = randomArray(vocab * hidden, 1);
    const tokenType = randomArray(types * hidden, 2);
    const position = randomArray(positions * hidden, 3);
    const [out] = await runKernels(context, (b) => [
      recordEmbeddingGather(b, {
        inputIds: uploadTensor(context, ids, [B, L], 'i32'),
        tokenTypeIds: uploadTensor(context, typeIds, [B, L], 'i32'),
        positionIds: uploadTensor(context, positionIds, [B, L], 'i32'),
        wordEmbeddings: uploadTensor(context, word, [vocab, hidden], 'f32'),
        tokenTypeEmbeddings: uploadTensor(context, tokenType, [types, hidden], 'f32'),
        positionEmbeddings: uploadTensor(context, position, [positions, hidden], 'f32'),
        storage: 'f32',
      }),
    ]);
    const expected = embeddingGatherReference(ids, typeIds, positionIds, word, tokenType, position, hidden);
    expect(maxAbsDiff(out, expected)).toBe(0);
  });
});
