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
  exact_p50_ms: number;
  exact_p95_ms: number;
  index_build_s: number;
  /** One entry per (nprobes, refineFactor) tried: the latency/recall trade-off. */
  ann: { nprobes: number; refine_factor: number; p50_ms: number; p95_ms: number; recall_at_10: number }[];
  disk_bytes: number;
}

/** (nprobes, refineFactor) pairs measured; the store's default is among them. */
const ANN_SETTINGS: [number, number][] = [
  [16, 10],
  [32, 10],
  [32, 30],
  [64, 30],
];

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
 * Search latency of the store at one size: synthetic clustered unit vectors loaded in chunks (never the
 * whole set in memory), exact-scan latency, IVF-PQ build time, ANN latency and recall@10 against exact.
 */
export async function storeBench(vectors: number, dim: number, options: { queries: number; dir?: string; log: (s: string) => void }): Promise<StoreBenchRow> {
  const dir = mkdtempSync(join(options.dir ?? tmpdir(), 'altclip-store-bench-'));
  try {
    const store = await VectorStore.create(dir, { format: STORE_FORMAT, model: 'synthetic', modelId: 'synthetic', dtype: 'fp32', dim, imageSize: 0, folder: '/synthetic' });
    const chunk = 20_000;
    let t = performance.now();
    for (let from = 0; from < vectors; from += chunk) {
      const n = Math.min(chunk, vectors - from);
      const data = syntheticVectors(n, dim, { clusters: 1024, seed: 1, pointSeed: 1000 + from / chunk });
      const rows: ImageRecord[] = Array.from({ length: n }, (_, i) => ({ path: `v${from + i}`, sha256: '', mtimeMs: 0, bytes: 0, vector: data.subarray(i * dim, (i + 1) * dim) }));
      await store.append(rows);
      options.log(`  loaded ${from + n}/${vectors}`);
    }
    await store.optimize();
    const load_s = (performance.now() - t) / 1000;
    const queries = syntheticVectors(options.queries, dim, { clusters: 1024, seed: 1, pointSeed: 7 });
    const query = (q: number) => queries.subarray(q * dim, (q + 1) * dim);
    // One untimed query first: opening the files and warming the page cache is not per-query cost.
    await store.search(query(0), 10, { exact: true });
    const exact: string[][] = [];
    const exactMs: number[] = [];
    for (let q = 0; q < options.queries; q++) {
      t = performance.now();
      exact.push((await store.search(query(q), 10, { exact: true })).map((h) => h.path));
      exactMs.push(performance.now() - t);
    }
    options.log(`  exact p50 ${percentile(exactMs, 0.5).toFixed(1)} ms; building the ANN index`);
    t = performance.now();
    await store.ensureAnnIndex(1);
    const index_build_s = (performance.now() - t) / 1000;
    const ann: StoreBenchRow['ann'] = [];
    for (const [nprobes, refineFactor] of ANN_SETTINGS) {
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
      index_build_s,
      ann,
      disk_bytes: du(dir),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
