import { describe, expect, inject, it } from 'vitest';
import { AltCLIPConfig } from './AltCLIPConfig.js';

// Chromium: a hub id resolves through fetch and the Cache API, against the loopback hub the browser project's
// globalSetup serves (packages/hub/src/test-support/browserHubSetup.ts).
describe('AltCLIPConfig.fromPretrained with a hub id in a browser', () => {
  it('downloads config.json once, then loads it from the Cache API offline with zero requests', async () => {
    const endpoint = inject('altclipHubEndpoint');
    const log = async () => ((await (await fetch(`${endpoint}/__requests`)).json()) as { path: string }[]).length;
    await caches.delete('altclip-hub');
    const before = await log();
    const config = await AltCLIPConfig.fromPretrained('local/altclip-tiny', { hub: { endpoint } });
    const local = await AltCLIPConfig.fromPretrained('/fixtures/altclip-tiny/');
    expect(config.toDict()).toEqual(local.toDict());
    expect(await log()).toBe(before + 1);
    const offline = await AltCLIPConfig.fromPretrained('local/altclip-tiny', { hub: { endpoint }, localFilesOnly: true });
    expect(offline.toDict()).toEqual(local.toDict());
    expect(await log()).toBe(before + 1);
    await caches.delete('altclip-hub');
  });
});
