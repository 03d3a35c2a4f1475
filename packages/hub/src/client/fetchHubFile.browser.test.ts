import { describe, expect, it } from 'vitest';
import { ChecksumMismatchError, EntryNotFoundError, LocalEntryNotFoundError, readHubEnvironment, resolveModelFile } from '../index.js';

const COMMIT = 'c'.repeat(40);
const config = new TextEncoder().encode('{"model_type": "altclip"}\n');

async function gitSha1(data: Uint8Array): Promise<string> {
  const blob = new Blob([new TextEncoder().encode(`blob ${data.length}\0`), data as BlobPart]);
  const digest = await crypto.subtle.digest('SHA-1', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Chromium has no file system here: the hub client goes through fetch and the real Cache API.
describe('hub client in a browser', () => {
  it('reads no environment and defaults to huggingface.co', () => {
    expect(readHubEnvironment()).toEqual({ endpoint: 'https://huggingface.co', offline: false });
  });

  it('fetches, verifies and caches a pinned file; 404s are EntryNotFoundError; a bad body fails its checksum', async () => {
    await caches.delete('altclip-hub');
    const etag = await gitSha1(config);
    const requested: string[] = [];
    let tamper = false;
    const fakeHub: typeof fetch = async (input) => {
      const url = String(input);
      requested.push(url);
      if (!url.endsWith('/config.json')) return new Response(null, { status: 404, headers: { 'x-error-code': 'EntryNotFound' } });
      const body = config.slice();
      if (tamper) body[0] ^= 1;
      return new Response(body, { headers: { etag: `"${etag}"`, 'x-repo-commit': COMMIT } });
    };
    const options = { revision: COMMIT, endpoint: 'https://hub.test', fetch: fakeHub };

    const file = await resolveModelFile('BAAI/AltCLIP', 'config.json', options);
    expect(file.path).toBeUndefined();
    expect(new TextDecoder().decode(await file.read(0, file.size))).toBe('{"model_type": "altclip"}\n');
    expect(requested).toEqual([`https://hub.test/BAAI/AltCLIP/resolve/${COMMIT}/config.json`]);

    const cached = await resolveModelFile('BAAI/AltCLIP', 'config.json', options);
    expect(cached.size).toBe(config.length);
    expect(requested.length).toBe(1);

    await expect(resolveModelFile('BAAI/AltCLIP', 'model.safetensors', options)).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(resolveModelFile('BAAI/AltCLIP', 'tokenizer.json', { ...options, localFilesOnly: true })).rejects.toBeInstanceOf(
      LocalEntryNotFoundError,
    );
    tamper = true;
    await expect(resolveModelFile('BAAI/AltCLIP', 'config.json', { ...options, revision: 'main' })).rejects.toBeInstanceOf(ChecksumMismatchError);
    await caches.delete('altclip-hub');
  });
});
