import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadProgress } from '../loading/ModelFiles.js';
import { fixtureUrl } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { AltCLIPModel } from './AltCLIPModel.js';
import { AltCLIPTextModel } from './AltCLIPTextModel.js';

// End to end: a Hub id resolved through core's hub client against a local server that
// serves the hub's resolve API (the hub client's own tests cover its protocol cases).
const COMMIT = 'c'.repeat(40);
const SERVED = ['config.json', 'pytorch_model.bin'];

describe('fromPretrained with a Hub id', () => {
  let server: Server;
  let endpoint = '';
  let cacheDir = '';
  const requests: string[] = [];

  beforeAll(async () => {
    const dir = fileURLToPath(fixtureUrl());
    const files = new Map(await Promise.all(SERVED.map(async (f) => [f, new Uint8Array(await readFile(join(dir, f)))] as const)));
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const match = /^\/local\/altclip-tiny\/resolve\/main\/(.+)$/.exec(req.url ?? '');
      const data = match ? files.get(match[1]) : undefined;
      if (!data) {
        res.writeHead(404, { 'x-error-code': 'EntryNotFound', 'x-repo-commit': COMMIT });
        res.end();
        return;
      }
      const sha1 = createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
      res.writeHead(200, { etag: `"${sha1}"`, 'x-repo-commit': COMMIT, 'content-length': String(data.length) });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    cacheDir = await mkdtemp(join(tmpdir(), 'altclip-core-hub-'));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('downloads, falls back from safetensors to pytorch_model.bin, and then loads from the cache offline', async () => {
    const progress: LoadProgress[] = [];
    const options = { backend: new ReferenceBackend(), cacheDir, hub: { endpoint, token: false as const, env: {} } };
    const model = await AltCLIPModel.fromPretrained('local/altclip-tiny', { ...options, onProgress: (e) => progress.push(e) });
    expect(model.logitScale).toBeCloseTo(2.9, 6);
    expect(requests.some((r) => r.includes('model.safetensors'))).toBe(true);
    expect(progress.some((p) => p.phase === 'download' && p.file === 'pytorch_model.bin')).toBe(true);
    requests.length = 0;
    const text = await AltCLIPTextModel.fromPretrained('local/altclip-tiny', { ...options, localFilesOnly: true, onWarning: () => {} });
    expect(requests).toEqual([]);
    expect((await text.forward({ inputIds: [[0, 5, 2]] })).poolerOutput.dims).toEqual([1, 24]);
  });
});
