import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { EmbeddingIndex } from '../search/EmbeddingIndex.js';
import { captureIO, fixtureDir, fixtureExpected } from '../testing/captureIO.js';

describe('altclip index and search', () => {
  const work = mkdtempSync(`${tmpdir()}/altclip-index-`);
  const images = `${work}/photos`;
  mkdirSync(`${images}/nested`, { recursive: true });
  for (const f of ['chelsea.png', 'astronaut.png', 'gradient_640x480.png']) copyFileSync(`${fixtureDir}/images/${f}`, `${images}/${f}`);
  copyFileSync(`${fixtureDir}/images/camera_gray.png`, `${images}/nested/camera_gray.png`);
  writeFileSync(`${images}/broken.png`, 'not a png');
  const indexFile = `${work}/photos.index`;

  it("indexes a folder with image embeddings equal to HF's, skipping an unreadable file", async () => {
    const io = captureIO();
    expect(await runCli(['index', images, '--model', 'fixtures/altclip-tiny', '--out', indexFile, '--batch-size', '2'], io)).toBe(0);
    expect(io.err).toMatch(/skipping broken\.png/);
    expect(io.err).toMatch(/indexed 4 images, skipped 1 unreadable/);
    const index = await EmbeddingIndex.open(indexFile);
    expect(index.entries.map((e) => e.file).sort()).toEqual(['astronaut.png', 'chelsea.png', 'gradient_640x480.png', 'nested/camera_gray.png']);
    // image_embeds rows of the fixture batch: chelsea.png is batch index 1.
    const expected = (await fixtureExpected()).get('model/image_embeds')!;
    const dim = expected.dims[1];
    const want = (expected.data as Float32Array).subarray(dim, 2 * dim);
    const got = index.entries.find((e) => e.file === 'chelsea.png')!.embedding;
    for (let i = 0; i < dim; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-5);
  }, 120_000);

  it('resumes: a second run embeds nothing already in the index', async () => {
    const io = captureIO();
    expect(await runCli(['index', images, '--model', 'fixtures/altclip-tiny', '--out', indexFile], io)).toBe(0);
    expect(io.err).toMatch(/resuming: 4 of 5 images already indexed/);
    expect((await EmbeddingIndex.open(indexFile)).entries).toHaveLength(4);
  }, 120_000);

  it('resumes after a line cut by an interrupted run', async () => {
    const cut = `${work}/cut.index`;
    const text = readFileSync(indexFile, 'utf8');
    writeFileSync(cut, text.slice(0, text.length - 40));
    const io = captureIO();
    expect(await runCli(['index', images, '--model', 'fixtures/altclip-tiny', '--out', cut], io)).toBe(0);
    expect(io.err).toMatch(/resuming: 3 of 5/);
    expect((await EmbeddingIndex.open(cut)).entries).toHaveLength(4);
  }, 120_000);

  it('searches by text: scores are cosines with the query embedding, best first', async () => {
    const io = captureIO();
    expect(await runCli(['search', indexFile, 'a photo of a cat', '--top', '3', '--json'], io)).toBe(0);
    const hits = JSON.parse(io.out) as { file: string; score: number }[];
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    for (const h of hits) expect(Math.abs(h.score)).toBeLessThanOrEqual(1 + 1e-6);
  }, 120_000);

  it('int8: an image gets the same vector in any batch, the index records its dtype and search follows it', async () => {
    const one = `${work}/int8-b1.index`;
    const three = `${work}/int8-b3.index`;
    for (const [file, size] of [[one, '1'], [three, '3']]) {
      expect(await runCli(['index', images, '--model', 'fixtures/altclip-tiny', '--out', file, '--dtype', 'int8', '--batch-size', size], captureIO())).toBe(0);
    }
    const [a, b] = [await EmbeddingIndex.open(one), await EmbeddingIndex.open(three)];
    expect(a.header.dtype).toBe('int8');
    for (const entry of a.entries) {
      const other = b.entries.find((e) => e.file === entry.file)!.embedding;
      const diff = entry.embedding.reduce((m, v, i) => Math.max(m, Math.abs(v - other[i])), 0);
      expect(diff, entry.file).toBeLessThanOrEqual(1e-6);
    }
    let io = captureIO();
    expect(await runCli(['index', images, '--model', 'fixtures/altclip-tiny', '--out', one], io)).toBe(1);
    expect(io.err).toMatch(/was built with --dtype int8, not fp32/);
    io = captureIO();
    expect(await runCli(['search', one, 'a photo of a cat', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toHaveLength(4);
  }, 180_000);

  it('names a missing index file and a missing folder', async () => {
    let io = captureIO();
    expect(await runCli(['search', `${work}/none.index`, 'cat'], io)).toBe(1);
    expect(io.err).toMatch(/none\.index: no such index file/);
    io = captureIO();
    expect(await runCli(['index', `${work}/nope`, '--model', 'fixtures/altclip-tiny', '--out', `${work}/x.index`], io)).toBe(1);
    expect(io.err).toMatch(/nope: no such folder/);
  });
});
