import { describe, expect, it } from 'vitest';
import { QueryBatcher } from './QueryBatcher.js';

describe('QueryBatcher', () => {
  it('runs texts that arrive together as one batch, and those arriving during it as the next', async () => {
    const calls: string[][] = [];
    const batcher = new QueryBatcher(async (texts) => {
      calls.push([...texts]);
      await new Promise((r) => setTimeout(r, 20));
      return texts.map((t) => Float32Array.of(t.length));
    });
    const first = ['a', 'bb', 'ccc'].map((t) => batcher.embedText(t));
    await new Promise((r) => setTimeout(r, 5));
    const second = ['dddd', 'eeeee'].map((t) => batcher.embedText(t));
    const vectors = await Promise.all([...first, ...second]);
    expect(calls).toEqual([['a', 'bb', 'ccc'], ['dddd', 'eeeee']]);
    expect(vectors.map((v) => v[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('splits at maxBatch and rejects only the failing batch', async () => {
    const batcher = new QueryBatcher(async (texts) => {
      if (texts.includes('bad')) throw new Error('boom');
      return texts.map(() => new Float32Array(1));
    }, 2);
    const results = await Promise.allSettled(['x', 'bad', 'y', 'z'].map((t) => batcher.embedText(t)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect(batcher.batchSizes).toEqual([2, 2]);
  });
});
