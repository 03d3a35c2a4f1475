import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AltCLIPConfig } from './AltCLIPConfig.js';
import { ConfigFileError } from './ConfigFileError.js';
import { readConfigJson } from './readConfigJson.js';

const TINY = fileURLToPath(new URL('../../../fixtures/altclip-tiny/', import.meta.url));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readConfigJson', () => {
  it('fetches config.json under a model repo URL and names the URL in errors', async () => {
    const text = await readFile(join(TINY, 'config.json'), 'utf8');
    const fetchMock = vi.fn(async (url: string) => new Response(url.endsWith('/config.json') ? text : '', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const c = await AltCLIPConfig.fromPretrained('https://huggingface.co/org/tiny/resolve/main');
    expect(fetchMock).toHaveBeenCalledWith('https://huggingface.co/org/tiny/resolve/main/config.json');
    expect(c.toJsonString()).toBe(text);
    await AltCLIPConfig.fromPretrained(new URL('https://example.org/x/config.json'));
    expect(fetchMock).toHaveBeenLastCalledWith('https://example.org/x/config.json');
  });

  it('reports HTTP failures with the URL', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('nope', { status: 404, statusText: 'Not Found' })));
    const p = AltCLIPConfig.fromPretrained('https://example.org/missing/config.json');
    await expect(p).rejects.toThrow(ConfigFileError);
    await expect(AltCLIPConfig.fromPretrained('https://example.org/missing/config.json')).rejects.toThrow(
      'https://example.org/missing/config.json: could not fetch the config: HTTP 404 Not Found',
    );
  });

  it('names a fetched file in JSON syntax errors', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{\n  "a": ,\n}')));
    await expect(AltCLIPConfig.fromPretrained('https://example.org/bad.json')).rejects.toThrow(/^https:\/\/example\.org\/bad\.json:2:8: malformed JSON/);
  });

  it('treats text starting with { as JSON and does not touch the file system for it', async () => {
    const { dict, source } = await readConfigJson('  {"model_type": "altclip"}');
    expect(dict).toEqual({ model_type: 'altclip' });
    expect(source).toBe('JSON string');
  });

  it('copies a given object, so later edits do not reach the config', async () => {
    const obj = { model_type: 'altclip', projection_dim: 16 };
    const { dict } = await readConfigJson(obj);
    obj.projection_dim = 32;
    expect(dict.projection_dim).toBe(16);
  });
});

describe.skipIf(process.platform === 'win32')('readConfigJson on what is not a regular file', () => {
  it('refuses a FIFO named config.json at once (readFile would wait for a writer forever)', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { execFileSync } = await import('node:child_process');
    const dir = await mkdtemp(join(tmpdir(), 'altclip-config-fifo-'));
    try {
      execFileSync('mkfifo', [join(dir, 'config.json')]);
      const error = await readConfigJson(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigFileError);
      expect((error as Error).message).toBe(`${join(dir, 'config.json')}: is a FIFO (named pipe); expected a regular file`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
