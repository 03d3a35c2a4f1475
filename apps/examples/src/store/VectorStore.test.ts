import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { recallAt, syntheticVectors } from '../bench/syntheticVectors.js';
import { STORE_FORMAT } from './StoreMeta.js';
import { type ImageRecord, VectorStore } from './VectorStore.js';

const DIM = 64;
const meta = { format: STORE_FORMAT, model: 'synthetic', modelId: 'synthetic', dtype: 'fp32', dim: DIM, imageSize: 0, folder: '/nowhere' } as const;

function records(vectors: Float32Array, from = 0): ImageRecord[] {
  return Array.from({ length: vectors.length / DIM }, (_, n) => ({ path: `v${from + n}`, sha256: `h${from + n}`, mtimeMs: n, bytes: n, vector: vectors.slice(n * DIM, (n + 1) * DIM) }));
}

describe('VectorStore (LanceDB)', () => {
  it('exact search equals a brute-force cosine scan; upserts by path are idempotent; removals remove', async () => {
    const store = await VectorStore.create(mkdtempSync(`${tmpdir()}/altclip-store-`), meta);
    const rows = records(syntheticVectors(500, DIM, { clusters: 20 }));
    await store.upsert(rows.slice(0, 300));
    await store.upsert(rows.slice(200));
    await store.upsert(rows.slice(100, 150));
    expect(await store.count()).toBe(500);
    const query = rows[7].vector;
    const brute = rows.map((r) => ({ path: r.path, score: r.vector.reduce((s, v, i) => s + v * query[i], 0) })).sort((a, b) => b.score - a.score);
    const hits = await store.search(query, 10);
    expect(hits.map((h) => h.path)).toEqual(brute.slice(0, 10).map((b) => b.path));
    for (const [i, h] of hits.entries()) expect(Math.abs(h.score - brute[i].score)).toBeLessThanOrEqual(1e-5);
    await store.remove(['v7', "it's not there"]);
    expect(await store.count()).toBe(499);
    expect((await store.search(query, 1))[0].path).not.toBe('v7');
    expect(await store.ensureAnnIndex()).toBe('below-threshold');
  }, 60_000);

  it('builds the ANN index past the threshold; its recall@10 against exact search is at least 0.95', async () => {
    const store = await VectorStore.create(mkdtempSync(`${tmpdir()}/altclip-store-`), meta);
    const vectors = syntheticVectors(4000, DIM, { clusters: 64, seed: 3 });
    await store.upsert(records(vectors));
    expect(await store.ensureAnnIndex(5000)).toBe('below-threshold');
    expect(await store.ensureAnnIndex(3000)).toBe('built');
    expect(await store.hasAnnIndex()).toBe(true);
    const queries = syntheticVectors(40, DIM, { clusters: 64, seed: 3 });
    let recall = 0;
    for (let q = 0; q < 40; q++) {
      const query = queries.subarray(q * DIM, (q + 1) * DIM);
      const exact = (await store.search(query, 10, { exact: true })).map((h) => h.path);
      recall += recallAt(exact, (await store.search(query, 10)).map((h) => h.path)) / 40;
    }
    expect(recall).toBeGreaterThanOrEqual(0.95);
    // Rows written after the index are still found (scanned exactly until the next optimize).
    await store.upsert(records(syntheticVectors(5, DIM, { seed: 9 }), 10_000));
    const late = (await store.records()).find((r) => r.path === 'v10002')!;
    expect((await store.search(late.vector, 1))[0].path).toBe('v10002');
  }, 120_000);
});
