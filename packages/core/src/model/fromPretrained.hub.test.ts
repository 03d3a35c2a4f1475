import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadProgress } from '@altclip/hub';
import { LoopbackHub, writePythonHubCache } from '@altclip/hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureUrl } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { AltCLIPModel } from './AltCLIPModel.js';
import { AltCLIPTextModel } from './AltCLIPTextModel.js';
import { AltCLIPVisionModel } from './AltCLIPVisionModel.js';

// End to end: a hub id resolved through @altclip/hub against a hub on 127.0.0.1 serving the hub's resolve API
// (the hub client's own tests cover its protocol cases).
const REPO = 'local/altclip-tiny';

describe('fromPretrained with a hub id', () => {
  let hub: LoopbackHub;
  let files: Record<string, Uint8Array>;
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'altclip-core-hub-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    files = await LoopbackHub.readFolder(fileURLToPath(fixtureUrl()), ['config.json', 'pytorch_model.bin']);
    hub = await LoopbackHub.start({ repos: { [REPO]: files } });
  });
  afterAll(async () => {
    await hub.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('downloads, falls back from safetensors to pytorch_model.bin, and then loads every class from the cache offline', async () => {
    const cacheDir = await tmp();
    const progress: LoadProgress[] = [];
    const options = { backend: new ReferenceBackend(), cacheDir, token: false as const, hub: { endpoint: hub.endpoint, env: {} } };
    const model = await AltCLIPModel.fromPretrained(REPO, { ...options, onProgress: (e) => progress.push(e) });
    expect(model.logitScale).toBeCloseTo(2.9, 6);
    expect(hub.requests.some((r) => r.path.endsWith('/model.safetensors'))).toBe(true);
    expect(hub.downloads()).toEqual(['config.json', 'pytorch_model.bin']);
    expect(progress.some((p) => p.phase === 'download' && p.file === 'pytorch_model.bin')).toBe(true);
    hub.requests.length = 0;
    const offline = { ...options, localFilesOnly: true, onWarning: () => {} };
    const text = await AltCLIPTextModel.fromPretrained(REPO, offline);
    const vision = await AltCLIPVisionModel.fromPretrained(REPO, offline);
    expect(hub.requests).toEqual([]);
    expect((await text.forward({ inputIds: [[0, 5, 2]] })).poolerOutput.dims).toEqual([1, 24]);
    expect(vision.config.hidden_size).toBe(model.config.vision_config.hidden_size);
  });

  it('reuses a cache written by Python huggingface_hub (no request)', async () => {
    const cacheDir = await tmp();
    await writePythonHubCache(cacheDir, 'BAAI/AltCLIP', files);
    hub.requests.length = 0;
    const model = await AltCLIPModel.fromPretrained('BAAI/AltCLIP', {
      backend: new ReferenceBackend(),
      cacheDir,
      localFilesOnly: true,
      hub: { endpoint: hub.endpoint, env: {} },
    });
    expect(model.logitScale).toBeCloseTo(2.9, 6);
    expect(hub.requests).toEqual([]);
  });
});
