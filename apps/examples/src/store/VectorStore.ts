import { existsSync, mkdirSync } from 'node:fs';
import type * as lancedb from '@lancedb/lancedb';
import { lanceArrow, recordsTable, storeSchema } from './recordsTable.js';
import { StoreError } from './StoreError.js';
import { readStoreMeta, type StoreMeta, writeStoreMeta } from './StoreMeta.js';

const TABLE = 'images';

/** A stored image without its vector: what incremental re-indexing compares with the folder. */
export interface StoredFile {
  /** Relative to the store's folder, `/`-separated. */
  path: string;
  sha256: string;
  mtimeMs: number;
  bytes: number;
}

export interface ImageRecord extends StoredFile {
  /** L2-normalised image embedding. */
  vector: Float32Array;
}

export interface Hit {
  path: string;
  /** Cosine similarity with the query. */
  score: number;
}

export interface SearchOptions {
  /** Scan every vector even when an ANN index exists (the reference the index's recall is measured against). */
  exact?: boolean;
  /** IVF partitions probed (ANN only); more is slower and closer to exact. */
  nprobes?: number;
  /** ANN candidates re-ranked with the full vectors, as a multiple of `top` (default: `defaultRefineFactor(top)`). */
  refineFactor?: number;
}

/** Rows from which an ANN index is built; below it, every query is an exact scan (fast enough, and exact). */
export const DEFAULT_ANN_THRESHOLD = 20_000;
/** IVF partitions probed by default. */
export const DEFAULT_NPROBES = 20;
/**
 * ANN candidates re-ranked with the full vectors by default: at least this many, and at least 10 × top. At 10⁶
 * × 768 the 1-bit codes cannot order the ~1 000 vectors of a query's cluster, so 10 × top (100 for top 10) gave
 * recall@10 0.78–0.83 and 500 gave 0.998, for 33 ms instead of 22 ms (README).
 */
export const DEFAULT_REFINE_CANDIDATES = 500;

/** The refine factor (a multiple of `top`) that re-ranks the default number of candidates. */
export function defaultRefineFactor(top: number): number {
  return Math.max(10, Math.ceil(DEFAULT_REFINE_CANDIDATES / top));
}

/** LanceDB (a native module, ~130 ms to load) is imported on first use, not by every CLI command at startup. */
function lance(): Promise<typeof lancedb> {
  return import('@lancedb/lancedb');
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * The embedded vector store: a LanceDB table (Lance columnar files in a folder, no server) holding one row
 * per image — path, vector, sha256, mtime, size — plus `altclip-store.json` naming the embedding space.
 * Writes are upserts keyed by path, so a batch written twice (a retried queue job) leaves one row.
 */
export class VectorStore {
  private constructor(
    readonly dir: string,
    readonly meta: StoreMeta,
    private readonly table: lancedb.Table,
  ) {}

  static exists(dir: string): boolean {
    return existsSync(dir) && existsSync(`${dir}/altclip-store.json`);
  }

  static async open(dir: string): Promise<VectorStore> {
    const meta = await readStoreMeta(dir);
    const db = await (await lance()).connect(dir);
    if (!(await db.tableNames()).includes(TABLE)) throw new StoreError(`${dir}: the store has no "${TABLE}" table`);
    return new VectorStore(dir, meta, await db.openTable(TABLE));
  }

  static async create(dir: string, meta: StoreMeta): Promise<VectorStore> {
    if (VectorStore.exists(dir)) throw new StoreError(`${dir}: a store already exists there`);
    mkdirSync(dir, { recursive: true });
    const db = await (await lance()).connect(dir);
    const schema = storeSchema(lanceArrow(), meta.dim);
    const table = await db.createEmptyTable(TABLE, schema, { mode: 'overwrite' });
    // The meta file is written last: a folder without it is not a store, so a crash here leaves nothing half-made.
    await writeStoreMeta(dir, meta);
    return new VectorStore(dir, meta, table);
  }

  /** Moves this handle to the table's latest version (rows other processes wrote since it was opened). */
  refresh(): Promise<void> {
    return this.table.checkoutLatest();
  }

  count(): Promise<number> {
    return this.table.countRows();
  }

  async files(): Promise<StoredFile[]> {
    const rows = await this.table.query().select(['path', 'sha256', 'mtime_ms', 'bytes']).toArray();
    return rows.map((r) => ({ path: r.path, sha256: r.sha256, mtimeMs: r.mtime_ms, bytes: Number(r.bytes) }));
  }

  /** Every row with its vector (for tests, migration and the benchmark's exact reference). */
  async records(): Promise<ImageRecord[]> {
    const rows = await this.table.query().toArray();
    return rows.map((r) => ({ path: r.path, sha256: r.sha256, mtimeMs: r.mtime_ms, bytes: Number(r.bytes), vector: Float32Array.from(r.vector.toArray()) }));
  }

  /** Inserts or replaces rows by path (idempotent: the same record written twice is one row). */
  async upsert(records: readonly ImageRecord[]): Promise<void> {
    if (records.length === 0) return;
    for (const r of records) {
      if (r.vector.length !== this.meta.dim) throw new StoreError(`${r.path}: vector of ${r.vector.length} values, the store holds ${this.meta.dim}`);
    }
    // One path once per call: mergeInsert rejects a source with duplicate keys.
    const byPath = new Map(records.map((r) => [r.path, r]));
    await this.table.mergeInsert('path').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(recordsTable([...byPath.values()], this.meta.dim));
  }

  /**
   * Appends rows without looking for existing paths: bulk loads (the benchmark's synthetic millions) whose
   * paths are known to be new. Everything else writes through `upsert`.
   */
  async append(records: readonly ImageRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.table.add(recordsTable(records, this.meta.dim));
  }

  async remove(paths: readonly string[]): Promise<void> {
    // Chunks keep the SQL predicate bounded for large deletions.
    for (let i = 0; i < paths.length; i += 500) {
      await this.table.delete(`path IN (${paths.slice(i, i + 500).map(sqlString).join(', ')})`);
    }
  }

  async hasAnnIndex(): Promise<boolean> {
    return (await this.table.listIndices()).some((ix) => ix.columns.includes('vector'));
  }

  /**
   * Builds the ANN index once the table reaches `threshold` rows. Below that an exact scan is both exact and
   * fast. The index is IVF-RQ (LanceDB's IVF with RaBitQ codes, 1 bit per dimension, cosine): √rows
   * partitions (k-means trained on a sample), and searches re-rank candidates with the full vectors. IVF-PQ was
   * measured first and its product-quantiser training was the slow part (25 min at 10⁵ × 768 on this
   * 2-core machine); RaBitQ needs no codebook training, so the build is the IVF k-means and one pass over
   * the rows (README: figures at 10⁴–10⁶). Later writes land in unindexed fragments that searches scan
   * exactly until `optimize` folds them in.
   */
  async ensureAnnIndex(threshold = DEFAULT_ANN_THRESHOLD): Promise<'built' | 'exists' | 'below-threshold'> {
    if (await this.hasAnnIndex()) {
      await this.table.optimize();
      return 'exists';
    }
    const rows = await this.count();
    if (rows < threshold || rows < 256) return 'below-threshold';
    const numPartitions = Math.max(1, Math.round(Math.sqrt(rows)));
    // k-means on 64 sampled rows per partition for 20 iterations (LanceDB's defaults: 256 and 50): at 10⁶ rows
    // the defaults train on 256 000 rows against 1 000 centroids, which alone would take most of an hour here.
    await this.table.createIndex('vector', { config: (await lance()).Index.ivfRq({ distanceType: 'cosine', numPartitions, sampleRate: 64, maxIterations: 20 }), replace: true });
    return 'built';
  }

  /** Compacts the many small fragments that batch-by-batch upserts leave, and folds new rows into the index. */
  async optimize(): Promise<void> {
    await this.table.optimize({ cleanupOlderThan: new Date() });
  }

  async search(query: Float32Array, top: number, options: SearchOptions = {}): Promise<Hit[]> {
    if (query.length !== this.meta.dim) throw new StoreError(`query vector of ${query.length} values, the store holds ${this.meta.dim}`);
    let q = this.table.vectorSearch(Array.from(query)).distanceType('cosine').select(['path', '_distance']).limit(top);
    if (options.exact) q = q.bypassVectorIndex();
    else q = q.nprobes(options.nprobes ?? DEFAULT_NPROBES).refineFactor(options.refineFactor ?? defaultRefineFactor(top));
    const rows = await q.toArray();
    // Ties broken by path so that results do not depend on fragment layout.
    return rows.map((r) => ({ path: r.path as string, score: 1 - (r._distance as number) })).sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
  }
}
