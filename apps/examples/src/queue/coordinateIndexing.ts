import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { CommandIO } from '../cli/Command.js';
import type { FailedImage } from '../pipeline/embedImageFiles.js';
import { formatSeconds } from '../search/ProgressBar.js';
import type { FetchLimits } from '../sources/fetchImage.js';
import type { VectorStore } from '../store/VectorStore.js';
import { DEAD_LETTER_KEY, fromWire, type IndexJobData, type IndexJobResult, META_KEY, QUEUE_NAME } from './IndexJob.js';
import { redisConnection } from './redisConnection.js';
import { writeSharedStore } from './writeSharedStore.js';

export interface CoordinateOptions {
  url: string;
  store: VectorStore;
  /** Paths (relative to the store's folder) to embed. */
  paths: readonly string[];
  batchSize: number;
  /** A worker that stops renewing its lock for this long (killed, frozen) loses its batch to another worker. */
  lockMs: number;
  /** Time and size limits for URL paths, passed to the workers. */
  limits?: FetchLimits;
  io: CommandIO;
  /** Attempts per batch before its images go to the dead-letter list. */
  attempts?: number;
  pollMs?: number;
}

/**
 * The coordinator side of `index --queue`: enqueues the paths in batches, then collects what workers return
 * and writes it, unless the worker wrote it into the store itself (`altclip worker --store`; then the
 * coordinator only counts the paths). Every write goes through `writeSharedStore` (one writer at a time, on
 * the latest version) and is an upsert by path carrying the content hash the worker embedded, so a batch
 * delivered twice (a worker killed after writing but before acknowledging) still leaves each image once.
 * Finishes when every path is either written or in the dead-letter list.
 */
export async function coordinateIndexing(options: CoordinateOptions): Promise<{ written: number; failed: FailedImage[] }> {
  const { store, paths, batchSize, io } = options;
  const connection = redisConnection(options.url);
  const queue = new Queue<IndexJobData, IndexJobResult>(QUEUE_NAME, { connection });
  const failed: FailedImage[] = [];
  let written = 0;
  try {
    // One coordinator per Redis: whatever an earlier, interrupted run left queued is dropped (its paths are
    // in this run's plan again, since only written images leave the plan).
    await queue.obliterate({ force: true });
    await connection.del(META_KEY);
    await connection.hset(META_KEY, { modelId: store.meta.modelId, dtype: store.meta.dtype, dim: String(store.meta.dim), folder: store.meta.folder, lockMs: String(options.lockMs) });
    const jobs = [];
    for (let i = 0; i < paths.length; i += batchSize) {
      const batch = paths.slice(i, i + batchSize);
      jobs.push({
        name: 'embed',
        data: { folder: store.meta.folder, paths: batch, modelId: store.meta.modelId, dtype: store.meta.dtype, ...(options.limits ? { limits: options.limits } : {}) },
        opts: {
          // Deterministic ids: enqueueing the same batch twice is a no-op in BullMQ.
          jobId: createHash('sha1').update(batch.join('\n')).digest('hex'),
          attempts: options.attempts ?? 5,
          backoff: { type: 'exponential', delay: 500 },
        },
      });
    }
    for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
    io.stderr(`enqueued ${paths.length} images in ${jobs.length} batches on ${options.url}; waiting for \`altclip worker\`s\n`);

    const wanted = new Set(paths);
    const start = performance.now();
    let lastReport = 0;
    while (written + failed.length < paths.length) {
      const done = await queue.getJobs(['completed'], 0, 199, true);
      for (const job of done) {
        const result = job.returnvalue as IndexJobResult;
        const records = result.records.map(fromWire).filter((r) => wanted.has(r.path));
        // Workers with `--store` may be writing the same store: the coordinator takes turns with them.
        await writeSharedStore(connection, store, records, options.lockMs);
        for (const r of records) wanted.delete(r.path);
        written += records.length;
        for (const path of result.stored ?? []) if (wanted.delete(path)) written++;
        for (const f of result.failed) if (wanted.delete(f.path)) await deadLetter(f);
        await job.remove();
      }
      for (const job of await queue.getJobs(['failed'], 0, 199, true)) {
        // Attempts exhausted (a batch that crashes every worker it reaches): its images are dead-lettered.
        for (const path of (job.data as IndexJobData).paths) if (wanted.delete(path)) await deadLetter({ path, reason: `batch failed ${job.attemptsMade} times: ${job.failedReason}` });
        await job.remove();
      }
      const now = performance.now();
      if (now - lastReport > 1000 || written + failed.length === paths.length) {
        lastReport = now;
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
        const workers = await queue.getWorkersCount();
        const rate = written / Math.max((now - start) / 1000, 1e-9);
        const eta = rate > 0 ? (paths.length - written - failed.length) / rate : Number.POSITIVE_INFINITY;
        io.stderr(
          `${written + failed.length}/${paths.length} images (${failed.length} dead-lettered), ${workers} workers, ` +
            `${counts.active} batches active, ${counts.waiting + counts.delayed} waiting, ${rate.toFixed(1)} img/s ETA ${formatSeconds(eta)}\n`,
        );
      }
      if (done.length === 0) await sleep(options.pollMs ?? 100);
    }
    await connection.del(META_KEY);
    // Rows the workers wrote are in versions this handle has not seen.
    await store.refresh();
  } finally {
    await queue.close();
    connection.disconnect();
  }
  return { written, failed };

  async function deadLetter(f: FailedImage) {
    failed.push(f);
    io.stderr(`dead-lettered ${f.path}: ${f.reason}\n`);
    await connection.rpush(DEAD_LETTER_KEY, JSON.stringify({ ...f, at: new Date().toISOString() }));
  }
}
