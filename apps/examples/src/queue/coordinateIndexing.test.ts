import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readSafetensors } from '@altclip/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { VectorStore } from '../store/VectorStore.js';
import { captureIO, fixtureDir } from '../testing/captureIO.js';
import { type CliProcess, spawnCli } from '../testing/spawnCli.js';
import { encodePng, syntheticImage } from '../testing/writePng.js';
import { DEAD_LETTER_KEY } from './IndexJob.js';
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
});
