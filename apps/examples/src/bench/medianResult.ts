import type { BenchResult } from './BenchResult.js';

/** The middle value (the mean of the two middle ones for an even count); null when no run gave a figure. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

const MEDIAN_FIELDS = [
  'images_per_s_b1',
  'images_per_s_b8',
  'texts_per_s_b8',
  'peak_rss_bytes',
  'load_peak_rss_bytes',
  'load_s',
  'from_pretrained_s',
  'init_s',
  'rss_over_weights',
] as const;

/**
 * One row from the interleaved runs of the same configuration: each figure is the median over the runs that
 * produced it (a run that failed contributes nothing), and every run's main figures are kept in `samples`, so
 * the spread a loaded machine caused stays visible. A row whose every run failed keeps the last error.
 */
export function medianResult(runs: readonly BenchResult[]): BenchResult {
  if (runs.length === 0) throw new RangeError('medianResult: no runs');
  const ok = runs.filter((r) => !r.error);
  const base = { ...(ok.at(-1) ?? runs.at(-1)!) };
  if (ok.length === 0) return { ...base, repeats: runs.length };
  const out: BenchResult = { ...base, repeats: runs.length };
  for (const field of MEDIAN_FIELDS) {
    if (ok.some((r) => r[field] !== undefined)) out[field] = median(ok.map((r) => r[field]));
  }
  if (runs.length > 1) {
    out.samples = runs.map((r) => ({ load_s: r.load_s, images_per_s_b8: r.images_per_s_b8, texts_per_s_b8: r.texts_per_s_b8, peak_rss_bytes: r.peak_rss_bytes }));
    const failed = runs.length - ok.length;
    if (failed) out.note = [out.note, `${failed} of ${runs.length} runs failed: ${runs.find((r) => r.error)?.error}`].filter(Boolean).join('; ');
  }
  return out;
}

/**
 * The order in which `repeat` runs of each row are made: A B C A B C …, so that a neighbour's load or the
 * machine warming up spreads over every row instead of landing on one.
 */
export function interleave<T>(rows: readonly T[], repeat: number): T[] {
  const order: T[] = [];
  for (let i = 0; i < repeat; i++) order.push(...rows);
  return order;
}
