import { describe, expect, inject, it } from 'vitest';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { AltCLIPModel } from './AltCLIPModel.js';

// Chromium: a model's hub id resolves through fetch and the Cache API, against the loopback hub the browser
// project's globalSetup serves (packages/hub/src/test-support/browserHubSetup.ts).
describe('AltCLIPModel.fromPretrained with a hub id in a browser', () => {
  it('downloads config.json and model.safetensors once, then loads from the Cache API offline with zero requests', async () => {
    const endpoint = inject('altclipHubEndpoint');
    const log = async () => (await (await fetch(`${endpoint}/__requests`)).json()) as { method: string; path: string }[];
    await caches.delete('altclip-hub');
    const before = (await log()).length;
    const model = await AltCLIPModel.fromPretrained('local/altclip-tiny', { backend: new ReferenceBackend(), hub: { endpoint } });
    expect(model.logitScale).toBeCloseTo(2.9, 6);
    const cold = (await log()).slice(before);
    // altclip_export.json first: core asks whether the repo holds an exported folder (it does not here).
    expect(cold.map((r) => r.path.split('/').pop())).toEqual(['altclip_export.json', 'config.json', 'model.safetensors']);
    const offline = await AltCLIPModel.fromPretrained('local/altclip-tiny', { backend: new ReferenceBackend(), hub: { endpoint }, localFilesOnly: true });
    expect(offline.logitScale).toBe(model.logitScale);
    expect((await log()).length).toBe(before + cold.length);
    await caches.delete('altclip-hub');
  });
});
