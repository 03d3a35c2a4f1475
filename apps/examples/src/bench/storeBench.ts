import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORE_FORMAT } from '../store/StoreMeta.js';
import { type ImageRecord, VectorStore } from '../store/VectorStore.js';
import { recallAt, syntheticVectors } from './syntheticVectors.js';

export interface StoreBenchRow {
  vectors: number;
  dim: number;
  load_s: number;
  /** LanceDB's exact (flat) search, over the first `exact_queries` queries (each scans every vector). */
  exact_p50_ms: number;
  exact_p95_ms: number;
  exact_queries: number;
  /** recall@10 of LanceDB's exact search against the brute-force reference computed here while loading (1 = same sets). */
  exact_agreement: number;
  index_build_s: number;
  /** One entry per (nprobes, refineFactor) tried: the latency/recall trade-off. */
  ann: { nprobes: number; refine_factor: number; p50_ms: number; p95_ms: number; recall_at_10: number }[];
  disk_bytes: number;
}

/** (nprobes, refineFactor) pairs measured by default; the store's default for top 10 (20 · 50) is among them. */
export const DEFAULT_ANN_SETTINGS: readonly (readonly [number, number])[] = [
  [20, 1],
  [20, 10],
  [20, 50],
  [40, 100],
];

/** Keeps the `k` best (highest score) ids, best first. */
class TopK {
  readonly ids: number[] = [];
  readonly scores: number[] = [];
  constructor(private readonly k: number) {}
  offer(id: number, score: number): void {
    const n = this.scores.length;
    if (n === this.k && score <= this.scores[n - 1]) return;
    let i = n === this.k ? n - 1 : n;
    while (i > 0 && this.scores[i - 1] < score) {
      this.scores[i] = this.scores[i - 1];
      this.ids[i] = this.ids[i - 1];
      i--;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function du(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  return total;
}

/**
 * Search latency of the store at one size: synthetic clustered unit vectors loaded in chunks as Arrow
 * record batches (never the whole set in memory); the exact top 10 of every query computed by brute force
 * while the chunks pass (the recall reference, independent of LanceDB); LanceDB's exact-scan latency on a
 * few queries (at 10⁶ one scan takes seconds); the IVF-RQ build time; ANN latency and recall@10.
 */
export async function storeBench(vectors: number, dim: number, options: { queries: number; exactQueries?: number; annSettings?: readonly (readonly [number, number])[]; dir?: string; log: (s: string) => void }): Promise<StoreBenchRow> {
  const dir = mkdtempSync(join(options.dir ?? tmpdir(), 'altclip-store-bench-'));
  try {
    const store = await VectorStore.create(dir, { format: STORE_FORMAT, model: 'synthetic', modelId: 'synthetic', dtype: 'fp32', dim, imageSize: 0, folder: '/synthetic' });
    const queries = syntheticVectors(options.queries, dim, { clusters: 1024, seed: 1, pointSeed: 7 });
    const query = (q: number) => queries.subarray(q * dim, (q + 1) * dim);
    const tops = Array.from({ length: options.queries }, () => new TopK(10));
    const chunk = 20_000;
    let loadMs = 0;
    let bruteMs = 0;
    for (let from = 0; from < vectors; from += chunk) {
      const n = Math.min(chunk, vectors - from);
      const data = syntheticVectors(n, dim, { clusters: 1024, seed: 1, pointSeed: 1000 + from / chunk });
      const rows: ImageRecord[] = Array.from({ length: n }, (_, i) => ({ path: `v${from + i}`, sha256: '', mtimeMs: 0, bytes: 0, vector: data.subarray(i * dim, (i + 1) * dim) }));
      let t = performance.now();
      await store.append(rows);
      loadMs += performance.now() - t;
      t = performance.now();
      for (let q = 0; q < options.queries; q++) {
        const v = query(q);
        for (let i = 0; i < n; i++) {
          let dot = 0;
          const at = i * dim;
          for (let d = 0; d < dim; d++) dot += v[d] * data[at + d];
          tops[q].offer(from + i, dot);
        }
      }
      bruteMs += performance.now() - t;
      if ((from / chunk) % 10 === 9 || from + n >= vectors) options.log(`  loaded ${from + n}/${vectors}`);
    }
    let t = performance.now();
    await store.optimize();
    const load_s = (loadMs + performance.now() - t) / 1000;
    options.log(`  load ${load_s.toFixed(1)} s (generation and the brute-force reference, ${(bruteMs / 1000).toFixed(1)} s, not counted)`);
    const exact = tops.map((top) => top.ids.map((id) => `v${id}`));
    const exactQueries = Math.min(options.exactQueries ?? 10, options.queries);
    // One untimed query first: opening the files and warming the page cache is not per-query cost.
    await store.search(query(0), 10, { exact: true });
    const exactMs: number[] = [];
    let agreement = 0;
    for (let q = 0; q < exactQueries; q++) {
      t = performance.now();
      const hits = (await store.search(query(q), 10, { exact: true })).map((h) => h.path);
      exactMs.push(performance.now() - t);
      agreement += recallAt(exact[q], hits) / exactQueries;
    }
    options.log(`  exact p50 ${percentile(exactMs, 0.5).toFixed(1)} ms (agreement with brute force ${agreement.toFixed(3)}); building the ANN index`);
    t = performance.now();
    await store.ensureAnnIndex(1);
    const index_build_s = (performance.now() - t) / 1000;
    options.log(`  IVF-RQ built in ${index_build_s.toFixed(1)} s`);
    const ann: StoreBenchRow['ann'] = [];
    for (const [nprobes, refineFactor] of options.annSettings ?? DEFAULT_ANN_SETTINGS) {
      await store.search(query(0), 10, { nprobes, refineFactor });
      const annMs: number[] = [];
      let recall = 0;
      for (let q = 0; q < options.queries; q++) {
        t = performance.now();
        const hits = (await store.search(query(q), 10, { nprobes, refineFactor })).map((h) => h.path);
        annMs.push(performance.now() - t);
        recall += recallAt(exact[q], hits) / options.queries;
      }
      ann.push({ nprobes, refine_factor: refineFactor, p50_ms: percentile(annMs, 0.5), p95_ms: percentile(annMs, 0.95), recall_at_10: recall });
      options.log(`  ANN nprobes ${nprobes} refine ${refineFactor}: p50 ${percentile(annMs, 0.5).toFixed(1)} ms, recall@10 ${recall.toFixed(3)}`);
    }
    return {
      vectors,
      dim,
      load_s,
      exact_p50_ms: percentile(exactMs, 0.5),
      exact_p95_ms: percentile(exactMs, 0.95),
      exact_queries: exactQueries,
      exact_agreement: agreement,
      index_build_s,
      ann,
      disk_bytes: du(dir),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
