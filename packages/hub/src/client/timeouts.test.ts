import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LoopbackHub } from '../testing/LoopbackHub.js';
import { fetchHubFile } from './fetchHubFile.js';
import { EntryNotFoundError, HubRetriesExhaustedError, HubTimeoutError, InvalidHubArgumentError } from './HubErrors.js';
import type { HubOptions } from './HubOptions.js';
import { backoffDelay, requestPolicy } from './RequestPolicy.js';
import { resolveModelFile } from './resolveModelFile.js';

// #16: a hub that stalls, trickles, resets or fails must not hold the caller for ever. Both download paths are
// driven against a loopback hub: Node's (HEAD + cache + Range resume) and the fetch path browsers use.
const REPO = 'local/tiny';
const data = new Uint8Array(40_000).map((_, i) => (i * 7919) % 251);
const small = new TextEncoder().encode('{"model_type": "altclip"}\n');

let hub: LoopbackHub;
let cacheDir = '';
const base = (): HubOptions => ({ endpoint: hub.endpoint, cacheDir, env: {}, token: false, retryDelayMs: 5, maxRetries: 2, idleTimeoutMs: 300, connectTimeoutMs: 300, etagTimeoutMs: 300 });

beforeAll(async () => {
  hub = await LoopbackHub.start({ repos: { [REPO]: { 'model.safetensors': data, 'config.json': small } } });
});
afterAll(() => hub.close());
beforeEach(async () => {
  hub.requests.length = 0;
  cacheDir = await mkdtemp(join(tmpdir(), 'altclip-hub-timeouts-'));
  return () => rm(cacheDir, { recursive: true, force: true });
});

const paths = {
  node: (file: string, options: HubOptions) => resolveModelFile(REPO, file, options),
  fetch: (file: string, options: HubOptions) => fetchHubFile(REPO, file, options),
};

describe.each(Object.entries(paths))('hub client timeouts and retries (%s path)', (_name, get) => {
  const read = async (file: string, options: HubOptions) => {
    const resolved = await get(file, options);
    const bytes = await resolved.read(0, resolved.size);
    await resolved.close();
    return bytes;
  };

  it('headers then silence: idle timeout, retried, then HubRetriesExhaustedError caused by the idle HubTimeoutError', async () => {
    // No bytes at all: an attempt that got bytes would restore the retry budget (see the trickle case for that).
    hub.fault('model.safetensors', ...Array.from({ length: 3 }, () => ({ kind: 'stall' as const, afterBytes: 0 })));
    const error = await read('model.safetensors', base()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRetriesExhaustedError);
    expect((error as HubRetriesExhaustedError).attempts).toBe(3);
    expect((error as Error).cause).toBeInstanceOf(HubTimeoutError);
    expect(((error as Error).cause as HubTimeoutError).phase).toBe('idle');
    expect((error as Error).message).toMatch(/gave up after 3 attempts.*no data .* for 300 ms/);
    expect(hub.downloads().length).toBe(3);
  });

  it('a trickle that never goes silent ends at the total deadline (HubTimeoutError, phase total, not retried)', async () => {
    hub.fault('model.safetensors', { kind: 'trickle', bytes: 100, intervalMs: 20 });
    const error = await read('model.safetensors', { ...base(), totalTimeoutMs: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubTimeoutError);
    expect((error as HubTimeoutError).phase).toBe('total');
    expect(hub.downloads().length).toBe(1);
  });

  it('no response headers: connect timeout, retried, then a typed error', async () => {
    hub.fault('model.safetensors', { kind: 'silent' }, { kind: 'silent' }, { kind: 'silent' });
    const error = await read('model.safetensors', base()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRetriesExhaustedError);
    expect(((error as Error).cause as HubTimeoutError).phase).toBe('connect');
  });

  it('5xx and resets are retried with backoff and the download completes with the right bytes', async () => {
    hub.fault('model.safetensors', { kind: 'status', status: 503 }, { kind: 'reset', afterBytes: 15_000 }, { kind: 'status', status: 502 });
    expect(Buffer.compare(await read('model.safetensors', { ...base(), maxRetries: 3 }), data)).toBe(0);
    expect(hub.downloads().length).toBe(4);
  });

  it('a 5xx that persists ends in HubRetriesExhaustedError carrying the status; a 404 is not retried', async () => {
    hub.fault('model.safetensors', ...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    const error = await read('model.safetensors', base()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRetriesExhaustedError);
    expect((error as HubRetriesExhaustedError).status).toBe(500);
    hub.requests.length = 0;
    await expect(read('missing.json', base())).rejects.toBeInstanceOf(EntryNotFoundError);
    expect(hub.requests.length).toBe(1);
  });
});

describe('request policy', () => {
  it('Node resumes a reset download with a Range request instead of starting over', async () => {
    hub.fault('model.safetensors', { kind: 'reset', afterBytes: 15_000 });
    // Generous timeouts here: on a loaded CI machine a 300 ms idle timeout can expire during the resumed request
    // too, which would add a second (also correct) Range request and hide what this test counts.
    const file = await resolveModelFile(REPO, 'model.safetensors', { ...base(), idleTimeoutMs: 10_000, connectTimeoutMs: 10_000 });
    expect(Buffer.compare(new Uint8Array(await readFile(file.path as string)), data)).toBe(0);
    await file.close();
    const gets = hub.requests.filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.range)).toEqual([undefined, expect.stringMatching(/^bytes=\d+-$/)]);
  });

  it('a silent HEAD is retried too', async () => {
    hub.faultHead('config.json', { kind: 'silent' });
    const file = await resolveModelFile(REPO, 'config.json', base());
    await file.close();
    expect(hub.requests.filter((r) => r.method === 'HEAD').length).toBe(2);
  });

  it('backs off exponentially up to the cap; defaults are huggingface_hub-like; bad values are refused', () => {
    const policy = requestPolicy({ retryDelayMs: 10, maxRetryDelayMs: 50 }, { endpoint: '', offline: false });
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n))).toEqual([10, 20, 40, 50, 50]);
    const defaults = requestPolicy({}, { endpoint: '', offline: false, downloadTimeoutMs: 3000 });
    expect([defaults.connectTimeoutMs, defaults.idleTimeoutMs, defaults.etagTimeoutMs, defaults.maxRetries]).toEqual([10_000, 3000, 10_000, 5]);
    expect(defaults.totalTimeoutMs(0)).toBe(60_000);
    expect(defaults.totalTimeoutMs(64 * 1024 * 100)).toBe(160_000);
    expect(() => requestPolicy({ idleTimeoutMs: -1 }, { endpoint: '', offline: false })).toThrow(InvalidHubArgumentError);
    expect(() => requestPolicy({ maxRetries: 1.5 }, { endpoint: '', offline: false })).toThrow(/maxRetries/);
  });
});
