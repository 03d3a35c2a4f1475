import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readSafetensors } from '@altclip/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { EmbeddingIndex, INDEX_FORMAT } from '../search/EmbeddingIndex.js';
import { VectorStore } from '../store/VectorStore.js';
import { captureIO, fixtureDir, fixtureExpected } from '../testing/captureIO.js';

const MODEL = 'fixtures/altclip-tiny';

describe('altclip index and search (LanceDB store)', () => {
  const work = mkdtempSync(`${tmpdir()}/altclip-index-`);
  const images = `${work}/photos`;
  mkdirSync(`${images}/nested`, { recursive: true });
  const names = ['chelsea.png', 'astronaut.png', 'gradient_640x480.png', 'tall_40x400.png', 'wide_500x30.png', 'palette_P_64x48.png'];
  for (const f of names) copyFileSync(`${fixtureDir}/images/${f}`, `${images}/${f}`);
  copyFileSync(`${fixtureDir}/images/camera_gray.png`, `${images}/nested/camera_gray.png`);
  writeFileSync(`${images}/broken.png`, 'not a png');
  const store = `${work}/photos.store`;

  it("indexes a folder with image embeddings equal to HF's, skipping an unreadable file", async () => {
    const io = captureIO();
    expect(await runCli(['index', images, '--model', MODEL, '--out', store, '--batch-size', '2'], io)).toBe(0);
    expect(io.err).toMatch(/skipping broken\.png/);
    expect(io.err).toMatch(/embedded 7 of 8 new or changed, removed 0, skipped 1 unreadable; 7 images in .* \(exact search\)/);
    const opened = await VectorStore.open(store);
    expect(opened.meta).toMatchObject({ dtype: 'fp32', dim: 16, imageSize: 30 });
    const records = await opened.records();
    expect(records.map((e) => e.path).sort()).toEqual([...names, 'nested/camera_gray.png'].sort());
    const chelsea = records.find((e) => e.path === 'chelsea.png')!;
    expect(chelsea.sha256).toMatch(/^[0-9a-f]{64}$/);
    // image_embeds rows of the fixture batch: chelsea.png is batch index 1.
    const expected = (await fixtureExpected()).get('model/image_embeds')!;
    const dim = expected.dims[1];
    const want = (expected.data as Float32Array).subarray(dim, 2 * dim);
    for (let i = 0; i < dim; i++) expect(Math.abs(chelsea.vector[i] - want[i])).toBeLessThanOrEqual(1e-5);
  }, 120_000);

  it('re-indexing an unchanged folder embeds nothing but the still unreadable file', async () => {
    const io = captureIO();
    expect(await runCli(['index', images, '--model', MODEL, '--out', store], io)).toBe(0);
    expect(io.err).toMatch(/8 images: 1 new, 0 changed, 0 removed, 7 unchanged/);
    expect(io.err).toMatch(/embedded 0 of 1/);
  }, 120_000);

  it('incremental: touching 3 files and deleting 2 re-embeds the 3 and removes the 2', async () => {
    const before = new Map((await (await VectorStore.open(store)).records()).map((r) => [r.path, r]));
    const touched = ['chelsea.png', 'astronaut.png', 'nested/camera_gray.png'];
    const later = new Date(Date.now() + 60_000);
    for (const f of touched) utimesSync(`${images}/${f}`, later, later);
    for (const f of ['tall_40x400.png', 'wide_500x30.png']) rmSync(`${images}/${f}`);
    const io = captureIO();
    expect(await runCli(['index', images, '--model', MODEL, '--out', store], io)).toBe(0);
    expect(io.err).toMatch(/6 images: 1 new, 3 changed, 2 removed, 2 unchanged/);
    expect(io.err).toMatch(/embedded 3 of 4 new or changed, removed 2, skipped 1 unreadable; 5 images/);
    const after = await (await VectorStore.open(store)).records();
    expect(after.map((r) => r.path).sort()).toEqual(['astronaut.png', 'chelsea.png', 'gradient_640x480.png', 'nested/camera_gray.png', 'palette_P_64x48.png']);
    for (const r of after) {
      // The touched rows carry the new mtime (they were written again), with the same content hash and vector.
      // (utimes goes through seconds as a double: the file's mtimeMs can come back as …234.999 for …235.)
      if (touched.includes(r.path)) expect(Math.abs(r.mtimeMs - later.getTime()), r.path).toBeLessThan(1);
      else expect(r.mtimeMs, r.path).toBe(before.get(r.path)!.mtimeMs);
      expect(r.sha256).toBe(before.get(r.path)!.sha256);
      expect(Array.from(r.vector)).toEqual(Array.from(before.get(r.path)!.vector));
    }
  }, 120_000);

  it("searches by text: the top k by cosine with the query's `altclip embed` text embedding", async () => {
    const texts = `${work}/query.json`;
    writeFileSync(texts, JSON.stringify(['一张猫的照片']));
    const emb = `${work}/query.safetensors`;
    expect(await runCli(['embed', '--model', MODEL, '--texts', texts, '--max-length', '62', '--out', emb], captureIO())).toBe(0);
    const q = (await readSafetensors(new Uint8Array(await readFile(emb)))).get('text_embeds')!.data as Float32Array;
    const records = await (await VectorStore.open(store)).records();
    const want = records.map((r) => ({ file: r.path, score: r.vector.reduce((s, v, i) => s + v * q[i], 0) })).sort((a, b) => b.score - a.score).slice(0, 3);

    const io = captureIO();
    expect(await runCli(['search', store, '一张猫的照片', '--top', '3', '--json'], io)).toBe(0);
    const hits = JSON.parse(io.out) as { file: string; score: number }[];
    expect(hits.map((h) => h.file)).toEqual(want.map((w) => w.file));
    for (const [i, h] of hits.entries()) expect(Math.abs(h.score - want[i].score)).toBeLessThanOrEqual(1e-5);
  }, 120_000);

  it('searches by image: the image itself comes first with cosine 1', async () => {
    const io = captureIO();
    expect(await runCli(['search', store, '--image', `${fixtureDir}/images/chelsea.png`, '--top', '2', '--json'], io)).toBe(0);
    const hits = JSON.parse(io.out) as { file: string; score: number }[];
    expect(hits[0].file).toBe('chelsea.png');
    expect(Math.abs(hits[0].score - 1)).toBeLessThanOrEqual(1e-5);
    expect(hits).toHaveLength(2);
  }, 120_000);

  it('migrates a JSON Lines index (--from-jsonl): same vectors, then re-indexing finds nothing to do', async () => {
    const records = await (await VectorStore.open(store)).records();
    const jsonl = `${work}/old.index`;
    const old = await EmbeddingIndex.create(jsonl, { format: INDEX_FORMAT, model: `${fixtureDir}`, folder: images, dim: 16, dtype: 'fp32' });
    await old.append(records.map((r) => ({ file: r.path, embedding: r.vector })));
    const migrated = `${work}/migrated.store`;
    const io = captureIO();
    expect(await runCli(['index', '--from-jsonl', jsonl, '--out', migrated], io)).toBe(0);
    expect(io.err).toMatch(/migrated 5 images/);
    const got = await (await VectorStore.open(migrated)).records();
    for (const r of records) expect(Array.from(got.find((g) => g.path === r.path)!.vector)).toEqual(Array.from(r.vector));
    const again = captureIO();
    expect(await runCli(['index', images, '--model', fixtureDir, '--out', migrated], again)).toBe(0);
    expect(again.err).toMatch(/0 changed, 0 removed, 5 unchanged/);
  }, 120_000);

  it('int8: an image gets the same vector in any batch, the store records its dtype and refuses another', async () => {
    const [one, three] = [`${work}/int8-b1.store`, `${work}/int8-b3.store`];
    for (const [dir, size] of [[one, '1'], [three, '3']]) {
      expect(await runCli(['index', images, '--model', MODEL, '--out', dir, '--dtype', 'int8', '--batch-size', size], captureIO())).toBe(0);
    }
    const [a, b] = [await VectorStore.open(one), await VectorStore.open(three)];
    expect(a.meta.dtype).toBe('int8');
    const bRecords = await b.records();
    for (const entry of await a.records()) {
      const other = bRecords.find((e) => e.path === entry.path)!.vector;
      const diff = entry.vector.reduce((m, v, i) => Math.max(m, Math.abs(v - other[i])), 0);
      expect(diff, entry.path).toBeLessThanOrEqual(1e-6);
    }
    let io = captureIO();
    expect(await runCli(['index', images, '--model', MODEL, '--out', one], io)).toBe(1);
    expect(io.err).toMatch(/built with --dtype int8, not fp32/);
    io = captureIO();
    expect(await runCli(['search', one, 'a photo of a cat', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toHaveLength(5);
  }, 180_000);

  it('names a missing store, a JSON Lines file given to search, and a missing folder', async () => {
    let io = captureIO();
    expect(await runCli(['search', `${work}/none.store`, 'cat'], io)).toBe(1);
    expect(io.err).toMatch(/none\.store: no such vector store/);
    io = captureIO();
    expect(await runCli(['search', `${work}/old.index`, 'cat'], io)).toBe(1);
    expect(io.err).toMatch(/a JSON Lines index from an earlier version; migrate it with `altclip index --from-jsonl/);
    io = captureIO();
    expect(await runCli(['index', `${work}/nope`, '--model', MODEL, '--out', `${work}/x.store`], io)).toBe(1);
    expect(io.err).toMatch(/nope: no such folder/);
    io = captureIO();
    expect(await runCli(['search', store, 'cat', '--image', 'x.png'], io)).toBe(2);
    expect(io.err).toMatch(/either a text query or --image/);
  });
});
