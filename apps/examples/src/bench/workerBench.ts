import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/runCli.js';
import { startLocalRedis } from '../queue/startLocalRedis.js';
import { spawnCli } from '../testing/spawnCli.js';
import { encodePng, syntheticImage } from '../testing/writePng.js';

export interface WorkerBenchRow {
  workers: number;
  images: number;
  seconds: number;
  images_per_s: number;
}

/**
 * Indexing throughput through the queue with k `altclip worker` processes on this machine: a private
 * redis-server, `images` generated PNGs, workers started and their models loaded before the clock starts;
 * the time is the coordinator's `index --queue` from enqueueing to the last vector written.
 */
export async function workerBench(counts: readonly number[], options: { images: number; size: number; model: string; backend: string; batchSize: number; log: (s: string) => void }): Promise<WorkerBenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'altclip-worker-bench-'));
  const redis = await startLocalRedis();
  try {
    const folder = join(work, 'images');
    mkdirSync(folder);
    for (let i = 0; i < options.images; i++) writeFileSync(join(folder, `img${i}.png`), encodePng(options.size, options.size, syntheticImage(i + 1, options.size, options.size)));
    const rows: WorkerBenchRow[] = [];
    // A count may repeat (--workers 1,2,4,1,2,4 interleaves runs): each run gets a store of its own, since a store
    // already holding the images would re-embed nothing and time only the incremental check.
    for (const [run, k] of counts.entries()) {
      const workers = Array.from({ length: k }, () => spawnCli(['worker', '--queue', redis.url, '--model', options.model, '--backend', options.backend]));
      await Promise.all(workers.map((w) => w.waitFor(/waiting for a run/, 300_000)));
      const errors: string[] = [];
      const io = { cwd: process.cwd(), stdout: () => {}, stderr: (t: string) => errors.push(t) };
      const t = performance.now();
      const code = await runCli(['index', folder, '--model', options.model, '--out', join(work, `store-${run}-${k}`), '--queue', redis.url, '--batch-size', String(options.batchSize)], io);
      const seconds = (performance.now() - t) / 1000;
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
      if (code !== 0) throw new Error(`index --queue failed: ${errors.join('').slice(-500)}`);
      rows.push({ workers: k, images: options.images, seconds, images_per_s: options.images / seconds });
      options.log(`  ${k} workers: ${(options.images / seconds).toFixed(1)} images/s`);
    }
    return rows;
  } finally {
    await redis.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
