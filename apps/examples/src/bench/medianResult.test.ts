import { describe, expect, it } from 'vitest';
import type { BenchResult } from './BenchResult.js';
import { interleave, median, medianResult } from './medianResult.js';

const run = (load_s: number | null, texts: number | null, error?: string): BenchResult => ({
  backend: 'onnx',
  dtype: 'fp32',
  images_per_s_b1: null,
  images_per_s_b8: null,
  texts_per_s_b8: texts,
  peak_rss_bytes: 100,
  load_s,
  ...(error ? { error } : {}),
});

describe('median', () => {
  it('takes the middle value, the mean of the middle two for an even count, and skips missing figures', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([null, 5, undefined])).toBe(5);
    expect(median([null])).toBeNull();
  });
});

describe('medianResult', () => {
  it('reports the median of each figure over the runs and keeps every run as a sample', () => {
    const row = medianResult([run(10, 1), run(30, 3), run(20, 2)]);
    expect(row).toMatchObject({ load_s: 20, texts_per_s_b8: 2, repeats: 3 });
    expect(row.samples?.map((s) => s.load_s)).toEqual([10, 30, 20]);
  });

  it('leaves failed runs out of the medians and says how many failed', () => {
    const row = medianResult([run(10, 1), run(null, null, 'killed by SIGKILL: '), run(20, 3)]);
    expect(row).toMatchObject({ load_s: 15, texts_per_s_b8: 2, repeats: 3 });
    expect(row.error).toBeUndefined();
    expect(row.note).toMatch(/1 of 3 runs failed: killed by SIGKILL/);
  });

  it('keeps the error when every run failed', () => {
    expect(medianResult([run(null, null, 'exit code 1: boom')])).toMatchObject({ error: 'exit code 1: boom', repeats: 1 });
  });
});

describe('interleave', () => {
  it('orders repeated runs A B A B, not A A B B', () => {
    expect(interleave(['a', 'b', 'c'], 2)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});
