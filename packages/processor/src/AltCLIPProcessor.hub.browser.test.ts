import { describe, expect, inject, it } from 'vitest';
import { AltCLIPProcessor } from './AltCLIPProcessor.js';
import { fixtureUrl } from './test-support/fixture.js';

// Chromium: hub ids resolve through fetch and the Cache API (no file system), against the loopback hub the browser
// project's globalSetup serves (packages/hub/src/test-support/browserHubSetup.ts).
const REPO = 'local/altclip-tiny';
const TEXT = 'a photo of a cat, 一只猫的照片';

async function requestLog(endpoint: string): Promise<{ method: string; path: string }[]> {
  return (await fetch(`${endpoint}/__requests`)).json();
}

describe('hub ids in a browser', () => {
  it('AltCLIPProcessor downloads once, then loads from the Cache API offline with zero requests', async () => {
    const endpoint = inject('altclipHubEndpoint');
    await caches.delete('altclip-hub');
    const options = { hub: { endpoint } };
    const before = (await requestLog(endpoint)).length;
    const processor = await AltCLIPProcessor.fromPretrained(REPO, options);
    const local = await AltCLIPProcessor.fromPretrained(fixtureUrl(''));
    expect(processor.tokenizer(TEXT).inputIds).toEqual(local.tokenizer(TEXT).inputIds);
    expect(processor.imageProcessor.config).toEqual(local.imageProcessor.config);
    const cold = (await requestLog(endpoint)).slice(before);
    expect(cold.map((r) => r.path.split('/').pop()).sort()).toEqual(['preprocessor_config.json', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json']);

    const offline = { ...options, localFilesOnly: true };
    const again = await AltCLIPProcessor.fromPretrained(REPO, offline);
    expect((await requestLog(endpoint)).length).toBe(before + cold.length);
    expect(again.tokenizer(TEXT).inputIds).toEqual(local.tokenizer(TEXT).inputIds);
    await caches.delete('altclip-hub');
  });
});
