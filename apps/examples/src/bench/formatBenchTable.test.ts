import { describe, expect, it } from 'vitest';
import { formatBenchTable, formatRssRatio } from './formatBenchTable.js';
import { rssTarget } from './rssTarget.js';

describe('rssTarget', () => {
  it("holds exported folders to the issue's bounds and building on load to none", () => {
    expect(rssTarget('exported', 'fp32', false)).toBe(1.3);
    expect(rssTarget('exported', 'int8', false)).toBe(1.5);
    expect(rssTarget('exported', 'q4', false)).toBe(1.5);
    expect(rssTarget('exported', 'fp32', true)).toBe(1.3);
    expect(rssTarget('checkpoint', 'fp32', false)).toBeNull();
    expect(rssTarget('random', 'int8', false)).toBeNull();
  });
});

describe('formatBenchTable', () => {
  it('marks each ratio against its bound', () => {
    expect(formatRssRatio({ rss_over_weights: 1.234, rss_target: 1.3 })).toBe('1.23× (≤ 1.3 ✓)');
    expect(formatRssRatio({ rss_over_weights: 1.6, rss_target: 1.5 })).toBe('1.60× (≤ 1.5 ✗)');
    expect(formatRssRatio({ rss_over_weights: 2, rss_target: null })).toBe('2.00×');
    expect(formatRssRatio({ rss_over_weights: null })).toBe('—');
  });

  it('prints one line per row with its weight source, threads and the CPU', () => {
    const text = formatBenchTable({
      machine: { cpu: 'AMD EPYC' },
      results: [
        { backend: 'hf', dtype: 'fp32', source: 'checkpoint', threads: 2, images_per_s_b1: 0.5, images_per_s_b8: 0.5, texts_per_s_b8: 4, peak_rss_bytes: 2 ** 31, load_s: 10, from_pretrained_s: 8 },
        { backend: 'onnx', dtype: 'int8', source: 'exported', threads: 2, images_per_s_b1: 1, images_per_s_b8: 2, texts_per_s_b8: 40, peak_rss_bytes: 2 ** 30, load_s: 4, load_vs_hf_from_pretrained: 0.5, rss_over_weights: 1.1, rss_target: 1.5, repeats: 3 },
      ],
    });
    const lines = text.trim().split('\n');
    expect(lines[2]).toMatch(/^\| hf +\| fp32 +\| checkpoint +\| text,vision +\| 2 +\|/);
    expect(lines[3]).toMatch(/\| exported +\|.*\| 1\.10× \(≤ 1\.5 ✓\) +\| 4\.0 +\| 0\.50× +\|.*\| 3 +\|/);
    expect(text).toMatch(/CPU: AMD EPYC/);
  });
});
