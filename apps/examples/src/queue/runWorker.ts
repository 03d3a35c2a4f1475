import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, Worker } from 'bullmq';
import type { CommandIO } from '../cli/Command.js';
import { embedImageFiles } from '../pipeline/embedImageFiles.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';
import { modelIdentity } from '../store/modelIdentity.js';
import { StoreError } from '../store/StoreError.js';
import { VectorStore } from '../store/VectorStore.js';
import { type IndexJobData, type IndexJobResult, META_KEY, QUEUE_NAME, toWire } from './IndexJob.js';
import { redisConnection } from './redisConnection.js';
import { writeSharedStore } from './writeSharedStore.js';

export interface WorkerOptions {
  url: string;
  model: string;
  backend: string;
  dtype: string;
  /** The run's store folder as this machine sees it: the worker writes its vectors there itself. */
  store?: string;
  io: CommandIO;
  /** Resolves when the worker should stop: it finishes its current batch first. */
  stop: Promise<unknown>;
}

/**
 * `altclip worker`: waits for a coordinator's run, refuses it when the run's model or dtype is not its own,
 * then embeds batches until `stop` resolves. A batch is acknowledged only after its vectors are returned, so
 * a worker killed mid-batch loses nothing: its lock lapses and another worker takes the batch again.
 */
export async function runWorker(options: WorkerOptions): Promise<{ batches: number; images: number }> {
  const { io } = options;
  const me = `${hostname()}:${process.pid}`;
  const modelId = modelIdentity(options.model);
  const connection = redisConnection(options.url);
  let stopped = false;
  void options.stop.then(() => {
    stopped = true;
  });
  try {
    // The model is loaded before a run is awaited, so a worker started ahead of the coordinator is ready at once.
    const processor = await loadProcessor(options.model);
    // Workers embed images only: the text tower is never loaded.
    const model = await loadModel(options.model, options.backend, options.dtype, ['vision']);
    io.stderr(`${me}: model loaded, waiting for a run on ${options.url}\n`);
    let meta: Record<string, string> = {};
    while (!stopped) {
      meta = await connection.hgetall(META_KEY);
      if (meta.modelId) break;
      await sleep(200);
    }
    if (stopped) {
      await model.dispose();
      return { batches: 0, images: 0 };
    }
    if (meta.modelId !== modelId) throw new StoreError(`the index on ${options.url} is built with model ${meta.modelId}, this worker has ${modelId}; refusing`);
    if (meta.dtype !== options.dtype) throw new StoreError(`the index on ${options.url} is built with --dtype ${meta.dtype}, this worker has ${options.dtype}; refusing`);
    const lockMs = Number(meta.lockMs) || 30_000;
    let store: VectorStore | undefined;
    if (options.store !== undefined) {
      store = await VectorStore.open(options.store);
      // The store must be the run's: same embedding space and image folder as the coordinator announced.
      if (store.meta.modelId !== meta.modelId || store.meta.dtype !== meta.dtype || store.meta.folder !== meta.folder) {
        throw new StoreError(
          `--store ${options.store} holds ${store.meta.modelId} ${store.meta.dtype} vectors of ${JSON.stringify(store.meta.folder)}, the run on ${options.url} is ${meta.modelId} ${meta.dtype} of ${JSON.stringify(meta.folder)}; refusing`,
        );
      }
    }

    let batches = 0;
    let images = 0;
    const worker = new Worker<IndexJobData, IndexJobResult>(
      QUEUE_NAME,
      async (job) => {
        // A run started after this worker (another model or dtype) must not get vectors from it.
        if (job.data.modelId !== modelId || job.data.dtype !== options.dtype) throw new UnrecoverableError(`worker ${me} has ${modelId} ${options.dtype}, the batch wants ${job.data.modelId} ${job.data.dtype}`);
        // A later run for another store must not be written into this worker's --store.
        if (store && job.data.folder !== store.meta.folder) throw new UnrecoverableError(`worker ${me} writes the store of ${JSON.stringify(store.meta.folder)}, the batch is from ${JSON.stringify(job.data.folder)}`);
        io.stderr(`${me}: batch ${job.id} started (${job.data.paths.length} images, attempt ${job.attemptsMade + 1})\n`);
        const { ok, failed } = await embedImageFiles(model, processor, job.data.folder, job.data.paths, job.data.limits);
        // Written before the batch is acknowledged: a worker killed in between has its batch redone, and the
        // upsert by path leaves each image once.
        if (store) await writeSharedStore(connection, store, ok, lockMs);
        batches++;
        images += ok.length;
        io.stderr(`${me}: batch ${job.id} done (${ok.length} embedded${store ? ' and stored' : ''}${failed.length ? `, ${failed.length} unreadable` : ''})\n`);
        return store ? { records: [], stored: ok.map((r) => r.path), failed, worker: me } : { records: ok.map(toWire), failed, worker: me };
      },
      // The stalled check moves a dead worker's batch back to the queue once its lock lapses; a batch may
      // stall a few times (several workers killed) before counting as failed.
      { connection, concurrency: 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 5, autorun: true },
    );
    worker.on('error', (error) => io.stderr(`${me}: ${error.message}\n`));
    io.stderr(`${me}: ready (${modelId}, ${options.backend}, ${options.dtype})\n`);
    await options.stop;
    // close() waits for the batch in hand: SIGTERM never throws away finished work.
    await worker.close();
    await model.dispose();
    io.stderr(`${me}: stopped after ${batches} batches, ${images} images\n`);
    return { batches, images };
  } finally {
    connection.disconnect();
  }
}
