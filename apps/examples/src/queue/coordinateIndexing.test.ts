import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readSafetensors } from '@altclip/core';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { embeddingSpace } from '../store/embeddingSpace.js';
import { openOrCreateStore } from '../store/openOrCreateStore.js';
import { VectorStore } from '../store/VectorStore.js';
import { captureIO, fixtureDir } from '../testing/captureIO.js';
import { type CliProcess, spawnCli } from '../testing/spawnCli.js';
import { encodePng, syntheticImage } from '../testing/writePng.js';
import { coordinateIndexing } from './coordinateIndexing.js';
import { DEAD_LETTER_KEY, type IndexJobData, type IndexJobResult, QUEUE_NAME, toWire } from './IndexJob.js';
import { redisConnection } from './redisConnection.js';
import { type RedisInstance, startLocalRedis } from './startLocalRedis.js';

// Real processes on a real Redis: the coordinator runs in this process (runCli), the workers are
// `altclip worker` child processes of the built CLI (`pnpm build` first).
describe('altclip index --queue with altclip worker processes', () => {
  let redis: RedisInstance;
  const work = mkdtempSync(`${tmpdir()}/altclip-queue-`);
  const images = `${work}/photos`;
  const GENERATED = 300;
  const workers: CliProcess[] = [];

  beforeAll(async () => {
    redis = await startLocalRedis();
    mkdirSync(`${images}/generated`, { recursive: true });
    for (const f of readdirSync(`${fixtureDir}/images`)) copyFileSync(`${fixtureDir}/images/${f}`, `${images}/${f}`);
    // 160×160 so that a batch takes long enough (decoding, resizing) for a kill to land inside it.
    for (let i = 0; i < GENERATED; i++) writeFileSync(`${images}/generated/g${String(i).padStart(3, '0')}.png`, encodePng(160, 160, syntheticImage(i + 1, 160, 160)));
    writeFileSync(`${images}/unreadable.png`, 'not a png');
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('3 workers, one SIGKILLed mid-batch, one SIGTERMed: every image once, vectors equal to a single-process embed', async () => {
    const store = `${work}/store`;
    const io = captureIO();
    const coordinator = runCli(['index', images, '--model', 'fixtures/altclip-tiny', '--out', store, '--queue', redis.url, '--batch-size', '24', '--lock-ms', '3000'], io);
    for (let i = 0; i < 3; i++) workers.push(spawnCli(['worker', '--queue', redis.url, '--model', 'fixtures/altclip-tiny', '--backend', 'onnx', '--dtype', 'fp32']));
    const [victim, ...others] = workers;
    // Started with the others (while the run is surely in progress): its int8 is not the run's fp32.
    const wrong = spawnCli(['worker', '--queue', redis.url, '--model', 'fixtures/altclip-tiny', '--dtype', 'int8']);
    workers.push(wrong);

    // Kill the victim as soon as it has taken a batch, before it finishes it.
    const [, batchId] = (await victim.waitFor(/batch (\w+) started/)) as RegExpMatchArray;
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    expect(victim.err, 'the kill landed after the batch was done: not a mid-batch kill').not.toContain(`batch ${batchId} done`);

    // SIGTERM mid-run: the worker hands in the batch it holds, then exits 0.
    const [graceful, last] = others;
    const mark = graceful.err.length;
    const [, heldId] = (await graceful.waitFor(/batch (\w+) started/, 60_000, mark)) as RegExpMatchArray;
    graceful.child.kill('SIGTERM');
    expect((await graceful.exited).code).toBe(0);
    expect(graceful.err.slice(mark)).toContain(`batch ${heldId} done`);
    expect(graceful.err).toMatch(/stopped after \d+ batches/);

    // The worker with another dtype than the run's refused to start.
    expect((await wrong.exited).code).toBe(1);
    expect(wrong.err).toMatch(/built with --dtype fp32, this worker has int8; refusing/);

    expect(await coordinator, io.err).toBe(0);
    // The killed batch was taken again by a surviving worker.
    expect(others.map((w) => w.err).join('')).toContain(`batch ${batchId} started`);
    expect(io.err).toMatch(/dead-lettered unreadable\.png: .*unrecognised image format/);
    expect(io.err).toMatch(/\d+ workers, .* img\/s ETA/);

    // An idle worker stops at once on SIGTERM.
    last.child.kill('SIGTERM');
    expect((await last.exited).code).toBe(0);
    expect(last.err).toMatch(/stopped after \d+ batches/);

    const client = new Redis(redis.url);
    const dead = (await client.lrange(DEAD_LETTER_KEY, 0, -1)).map((s) => JSON.parse(s));
    client.disconnect();
    expect(dead.map((d) => d.path)).toEqual(['unreadable.png']);
    expect(dead[0].reason).toMatch(/unrecognised image format/);

    const records = await (await VectorStore.open(store)).records();
    const paths = records.map((r) => r.path).sort();
    const expectedPaths = [...readdirSync(`${fixtureDir}/images`).map((f) => f), ...Array.from({ length: GENERATED }, (_, i) => `generated/g${String(i).padStart(3, '0')}.png`)].sort();
    expect(paths).toEqual(expectedPaths);
    expect(new Set(paths).size).toBe(paths.length);

    // The reference: one process, one `altclip embed` of the same files.
    const out = `${work}/reference.safetensors`;
    expect(await runCli(['embed', '--model', 'fixtures/altclip-tiny', '--images', ...expectedPaths.map((p) => `${images}/${p}`), '--out', out], captureIO())).toBe(0);
    const reference = (await readSafetensors(new Uint8Array(await readFile(out)))).get('image_embeds')!;
    const dim = reference.dims[1];
    const byPath = new Map(records.map((r) => [r.path, r.vector]));
    let worst = 0;
    expectedPaths.forEach((p, n) => {
      const got = byPath.get(p)!;
      for (let i = 0; i < dim; i++) worst = Math.max(worst, Math.abs(got[i] - (reference.data as Float32Array)[n * dim + i]));
    });
    expect(worst).toBeLessThanOrEqual(1e-6);
  }, 240_000);

  it('retries a failing batch with exponential backoff, then dead-letters its images with the reason', async () => {
    const folder = `${work}/retry`;
    mkdirSync(folder);
    const store = await openOrCreateStore(`${work}/retry.store`, await embeddingSpace(fixtureDir, 'fp32', folder));
    // A real BullMQ worker in this process whose batch with c.png always fails (a disk that keeps erroring).
    const startedAt: number[] = [];
    const connection = redisConnection(redis.url);
    const worker = new Worker<IndexJobData, IndexJobResult>(
      QUEUE_NAME,
      async (job) => {
        if (job.data.paths.includes('c.png')) {
          startedAt.push(Date.now());
          throw new Error('EIO: disk on fire');
        }
        return { records: job.data.paths.map((path) => toWire({ path, sha256: 'h', mtimeMs: 0, bytes: 0, vector: new Float32Array(16).fill(0.25) })), failed: [], worker: 'test' };
      },
      { connection },
    );
    const io = captureIO();
    const client = new Redis(redis.url);
    const before = await client.llen(DEAD_LETTER_KEY);
    const result = await coordinateIndexing({ url: redis.url, store, paths: ['a.png', 'b.png', 'c.png', 'd.png'], batchSize: 2, lockMs: 3000, io, attempts: 3, pollMs: 50 });
    await worker.close();
    connection.disconnect();
    expect(result.written).toBe(2);
    expect(result.failed.map((f) => f.path)).toEqual(['c.png', 'd.png']);
    for (const f of result.failed) expect(f.reason).toMatch(/batch failed 3 times: EIO: disk on fire/);
    // Three attempts, 0.5 s then 1 s apart at least (BullMQ's exponential backoff from 500 ms).
    expect(startedAt).toHaveLength(3);
    expect(startedAt[1] - startedAt[0]).toBeGreaterThanOrEqual(500);
    expect(startedAt[2] - startedAt[1]).toBeGreaterThanOrEqual(1000);
    const dead = (await client.lrange(DEAD_LETTER_KEY, before, -1)).map((line) => JSON.parse(line));
    client.disconnect();
    expect(dead.map((d) => d.path)).toEqual(['c.png', 'd.png']);
    expect((await (await VectorStore.open(`${work}/retry.store`)).files()).map((f) => f.path).sort()).toEqual(['a.png', 'b.png']);
  }, 60_000);
});
