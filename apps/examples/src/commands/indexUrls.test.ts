import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { VectorStore } from '../store/VectorStore.js';
import { captureIO, fixtureDir, fixtureExpected } from '../testing/captureIO.js';
import { type FileServer, serveFiles } from '../testing/serveFiles.js';

const MODEL = 'fixtures/altclip-tiny';

describe('altclip index --urls (loopback HTTP server)', () => {
  const work = mkdtempSync(`${tmpdir()}/altclip-urls-`);
  const store = `${work}/urls.store`;
  let http: FileServer;
  let list: (paths: string[]) => string;

  beforeAll(async () => {
    writeFileSync(`${work}/notes.txt`, 'plain text, not an image');
    http = await serveFiles({
      '/img/chelsea.png': `${fixtureDir}/images/chelsea.png`,
      '/img/astronaut.png': `${fixtureDir}/images/astronaut.png`,
      '/img/coffee.jpg': `${fixtureDir}/images/coffee.jpg`,
      '/img/notes.png': `${work}/notes.txt`,
    });
    let n = 0;
    list = (paths) => {
      const file = `${work}/list${n++}.txt`;
      writeFileSync(file, `# images to index\n\n${paths.map((p) => `${http.base}${p}`).join('\n')}\n`);
      return file;
    };
  });

  afterAll(() => http?.close());

  it("embeds fetched images as HF does, keyed by URL; a 404 and a non-image are reported with their reason", async () => {
    const io = captureIO();
    const file = list(['/img/chelsea.png', '/img/astronaut.png', '/img/coffee.jpg', '/img/missing.png', '/img/notes.png', '/img/chelsea.png']);
    expect(await runCli(['index', '--urls', file, '--model', MODEL, '--out', store, '--batch-size', '2'], io), io.err).toBe(0);
    expect(io.err).toMatch(/5 images: 5 new/);
    expect(io.err).toMatch(/skipping http:\/\/127\.0\.0\.1:\d+\/img\/missing\.png: .*HTTP 404 Not Found/);
    expect(io.err).toMatch(/skipping http:\/\/127\.0\.0\.1:\d+\/img\/notes\.png: .*unrecognised image format/);
    expect(io.err).toMatch(/embedded 3 of 5 new or changed, removed 0, skipped 2 unreadable; 3 images/);
    const opened = await VectorStore.open(store);
    expect(opened.meta.folder).toBe('');
    const records = await opened.records();
    expect(records.map((r) => r.path).sort()).toEqual(['/img/astronaut.png', '/img/chelsea.png', '/img/coffee.jpg'].map((p) => `${http.base}${p}`));
    // chelsea.png is index 1 of the fixture's image batch (HF's image_embeds).
    const expected = (await fixtureExpected()).get('model/image_embeds')!;
    const dim = expected.dims[1];
    const chelsea = records.find((r) => r.path.endsWith('/chelsea.png'))!;
    const want = (expected.data as Float32Array).subarray(dim, 2 * dim);
    for (let i = 0; i < dim; i++) expect(Math.abs(chelsea.vector[i] - want[i])).toBeLessThanOrEqual(1e-5);
    expect(chelsea.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('re-indexing fetches only URLs not stored yet and removes URLs no longer listed', async () => {
    const io = captureIO();
    const file = list(['/img/chelsea.png', '/img/coffee.jpg', '/img/missing.png']);
    expect(await runCli(['index', '--urls', file, '--model', MODEL, '--out', store], io), io.err).toBe(0);
    expect(io.err).toMatch(/3 images: 1 new, 0 changed, 1 removed, 2 unchanged/);
    expect(io.err).toMatch(/embedded 0 of 1 new or changed, removed 1, skipped 1 unreadable; 2 images/);
  }, 120_000);

  it('refuses a list with a line that is no http(s) URL, and a folder store given URLs', async () => {
    let io = captureIO();
    writeFileSync(`${work}/bad.txt`, `${http.base}/img/chelsea.png\nfile:///etc/passwd\n`);
    expect(await runCli(['index', '--urls', `${work}/bad.txt`, '--model', MODEL, '--out', `${work}/bad.store`], io)).toBe(1);
    expect(io.err).toMatch(/bad\.txt: line 2: expected an http\(s\) URL, got file:/);
    io = captureIO();
    expect(await runCli(['index', `${work}`, '--urls', `${work}/bad.txt`, '--model', MODEL, '--out', `${work}/bad.store`], io)).toBe(2);
    expect(io.err).toMatch(/not both/);
  });
});
