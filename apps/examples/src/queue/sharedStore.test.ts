import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { embeddingSpace } from '../store/embeddingSpace.js';
import { VectorStore } from '../store/VectorStore.js';
import { captureIO, fixtureDir } from '../testing/captureIO.js';
import { type FileServer, serveFiles } from '../testing/serveFiles.js';
import { type CliProcess, spawnCli } from '../testing/spawnCli.js';
import { encodePng, syntheticImage } from '../testing/writePng.js';
import { DEAD_LETTER_KEY } from './IndexJob.js';
import { runWorker } from './runWorker.js';
import { type RedisInstance, startLocalRedis } from './startLocalRedis.js';
import { writeSharedStore } from './writeSharedStore.js';

const MODEL = 'fixtures/altclip-tiny';

// Workers that write the store themselves (`altclip worker --store`), on a real Redis; the URL run's
// images come from a loopback HTTP server started here.
describe('shared --store written by workers; URL runs through the queue', () => {
  let redis: RedisInstance;
  let http: FileServer;
  const work = mkdtempSync(`${tmpdir()}/altclip-shared-`);
  const images = `${work}/photos`;
  const GENERATED = 60;
  const workers: CliProcess[] = [];

  beforeAll(async () => {
    redis = await startLocalRedis();
    mkdirSync(images);
    for (let i = 0; i < GENERATED; i++) writeFileSync(`${images}/g${String(i).padStart(2, '0')}.png`, encodePng(96, 96, syntheticImage(i + 1, 96, 96)));
    writeFileSync(`${work}/notes.txt`, 'plain text, not an image');
    http = await serveFiles({ '/a/chelsea.png': `${fixtureDir}/images/chelsea.png`, '/a/coffee.jpg': `${fixtureDir}/images/coffee.jpg`, '/a/notes.png': `${work}/notes.txt` });
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await redis?.stop();
    await http?.close();
  });

  it('writers take turns on the latest version: the same paths written at once from two stale handles are stored once', async () => {
    const dir = `${work}/race.store`;
    await VectorStore.create(dir, await embeddingSpace(fixtureDir, 'fp32', images));
    const [a, b] = [await VectorStore.open(dir), await VectorStore.open(dir)];
    const client = new Redis(redis.url);
    const records = (tag: number) => Array.from({ length: 20 }, (_, i) => ({ path: `p${i}`, sha256: `h${tag}`, mtimeMs: 0, bytes: 0, vector: new Float32Array(16).fill(tag) }));
    for (let round = 0; round < 3; round++) await Promise.all([writeSharedStore(client, a, records(1), 5000), writeSharedStore(client, b, records(2), 5000)]);
    client.disconnect();
    const paths = (await (await VectorStore.open(dir)).files()).map((f) => f.path);
    expect(paths.length).toBe(20);
    expect(new Set(paths).size).toBe(20);
  }, 60_000);

  it('3 workers with --store, one SIGKILLed mid-batch: every image in the store exactly once, vectors equal to a local index', async () => {
    const store = `${work}/photos.store`;
    // The store exists before the workers open it (the coordinator creates it; here a first run does).
    const io = captureIO();
    const coordinator = runCli(['index', images, '--model', MODEL, '--out', store, '--queue', redis.url, '--batch-size', '4', '--lock-ms', '3000'], io);
    while (!VectorStore.exists(store)) await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 3; i++) workers.push(spawnCli(['worker', '--queue', redis.url, '--model', MODEL, '--store', store]));
    const [victim, ...others] = workers;
    await victim.waitFor(/batch (\w+) started/);
    victim.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    expect(await coordinator, io.err).toBe(0);
    expect(io.err).toMatch(new RegExp(`embedded ${GENERATED} of ${GENERATED} new or changed`));
    // The survivors wrote the vectors themselves.
    for (const w of others) expect(w.err).toMatch(/batch \w+ done \(4 embedded and stored\)/);
    for (const w of others) w.child.kill('SIGTERM');
    for (const w of others) expect((await w.exited).code).toBe(0);

    const records = await (await VectorStore.open(store)).records();
    const paths = records.map((r) => r.path).sort();
    expect(paths).toEqual(Array.from({ length: GENERATED }, (_, i) => `g${String(i).padStart(2, '0')}.png`));
    expect(new Set(paths).size).toBe(GENERATED);

    // Reference: the same folder indexed in one process.
    const local = `${work}/local.store`;
    expect(await runCli(['index', images, '--model', MODEL, '--out', local], captureIO())).toBe(0);
    const want = new Map((await (await VectorStore.open(local)).records()).map((r) => [r.path, r]));
    let worst = 0;
    for (const r of records) {
      expect(r.sha256).toBe(want.get(r.path)!.sha256);
      r.vector.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - want.get(r.path)!.vector[i]));
      });
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  }, 180_000);

  it('a URL run through the queue: a 404 and a non-image go to the dead-letter list with their reason', async () => {
    const list = `${work}/urls.txt`;
    writeFileSync(list, ['/a/chelsea.png', '/a/coffee.jpg', '/a/missing.png', '/a/notes.png'].map((p) => `${http.base}${p}`).join('\n'));
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const worker = runWorker({ url: redis.url, model: `${fixtureDir}`, backend: 'onnx', dtype: 'fp32', io: captureIO(), stop: stopped });
    const client = new Redis(redis.url);
    const before = await client.llen(DEAD_LETTER_KEY);
    const io = captureIO();
    expect(await runCli(['index', '--urls', list, '--model', MODEL, '--out', `${work}/urls.store`, '--queue', redis.url, '--batch-size', '2'], io), io.err).toBe(0);
    stop();
    await worker;
    const dead = (await client.lrange(DEAD_LETTER_KEY, before, -1)).map((s) => JSON.parse(s));
    client.disconnect();
    expect(dead.map((d) => d.path).sort()).toEqual([`${http.base}/a/missing.png`, `${http.base}/a/notes.png`]);
    expect(dead.find((d) => d.path.endsWith('missing.png')).reason).toMatch(/HTTP 404 Not Found/);
    expect(dead.find((d) => d.path.endsWith('notes.png')).reason).toMatch(/unrecognised image format/);
    expect((await (await VectorStore.open(`${work}/urls.store`)).files()).map((f) => f.path).sort()).toEqual([`${http.base}/a/chelsea.png`, `${http.base}/a/coffee.jpg`]);
  }, 120_000);
});
