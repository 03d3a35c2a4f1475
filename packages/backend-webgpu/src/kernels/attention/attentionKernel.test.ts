import { describe, expect, it } from 'vitest';
import { maxAbsDiff, randomArray, runKernels, skipNote, testGpu, uploadTensor } from '../../testing/testGpu.js';
import { recordAttention } from './attentionKernel.js';
import { attentionReference } from './attentionReference.js';

const gpu = await testGpu();
const FLOAT32_MIN = -3.4028234663852886e38;

describe.skipIf(!gpu.context)(`attention kernel vs reference${skipNote(gpu)}`, () => {
  const context = gpu.context!;

  it.each([
    // [batch, seq, heads, headDim, masked]
    [1, 1, 1, 8, false],
    [2, 7, 4, 8, true],
    [3, 70, 2, 16, true],
    [2, 50, 12, 64, false],
  ])('B=%i L=%i heads=%i headDim=%i mask=%s', async (B, L, heads, headDim, masked) => {
    const hidden = heads * headDim;
    const qkv = randomArray(B * L * 3 * hidden, B * 100 + L, 1.5);
    // Padding masks: batch b keeps its first L − 2b tokens (at least one), like a padded text batch.
    const mask = masked
      ? Float32Array.from({ length: B * L }, (_, k) => (k % L < Math.max(1, L - 2 * Math.floor(k / L)) ? 0 : FLOAT32_MIN))
      : undefined;
    const scale = 1 / Math.sqrt(headDim);
    const [ctx, probs] = await runKernels(context, (b) => {
      const result = recordAttention(b, {
        qkv: uploadTensor(context, qkv, [B * L, 3 * hidden], 'f32'),
        batch: B,
        seqLength: L,
        heads,
        mask: mask && uploadTensor(context, mask, [B, L], 'f32'),
        scale,
        storage: 'f32',
        writeProbabilities: true,
      });
      return [result.context, result.probabilities!];
    });
    const expected = attentionReference(qkv, B, L, heads, scale, mask);
    expect(maxAbsDiff(probs, expected.probabilities)).toBeLessThan(2e-6);
    expect(maxAbsDiff(ctx, expected.context)).toBeLessThan(4e-6);
    if (mask) {
      const masked = probs.filter((_, k) => mask[Math.floor(k / (heads * L * L)) * L + (k % L)] !== 0);
      expect(Math.max(0, ...masked)).toBe(0);
    }
  });

  it('gives the same context without writing probabilities', async () => {
    const [B, L, heads, hidden] = [2, 9, 2, 16];
    const qkv = randomArray(B * L * 3 * hidden, 77);
    const [ctx] = await runKernels(context, (b) => [
      recordAttention(b, {
        qkv: uploadTensor(context, qkv, [B * L, 3 * hidden], 'f32'),
        batch: B,
        seqLength: L,
        heads,
        scale: 0.3,
        storage: 'f32',
        writeProbabilities: false,
      }).context,
    ]);
    expect(maxAbsDiff(ctx, attentionReference(qkv, B, L, heads, 0.3).context)).toBeLessThan(2e-6);
  });
});
