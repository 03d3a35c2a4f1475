import { MemoryByteSource } from '../io/MemoryByteSource.js';
import type { LoadProgress, ModelFiles } from './ModelFiles.js';

/** A model file could not be fetched from its URL (HTTP status other than 200 and 404, or a network error). */
export class UrlFileError extends Error {
  override name = 'UrlFileError';
}

export interface UrlFilesOptions {
  /** Default: globalThis.fetch. */
  fetch?: typeof fetch;
  /** Called as each file's bytes arrive (phase 'download'), also when served from the Cache API (one event). */
  onProgress?: (event: LoadProgress) => void;
  /**
   * Cache API cache to keep the files in where `caches` exists (browsers, workers): a second load
   * makes no network request. Default 'altclip-models'; false: never cache.
   */
  cacheName?: string | false;
}

/**
 * Files served under a base URL (a CDN folder of an exported model, a test's local server). 404 is
 * "no such file"; anything else that is not 200 is an error naming the URL. `url()` lets a runtime
 * fetch a file itself (ORT's external data).
 */
export function urlFiles(baseUrl: string, options: UrlFilesOptions = {}): ModelFiles {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const urlOf = (filename: string) => new URL(filename, base).href;
  return {
    name: baseUrl,
    url: urlOf,
    async open(filename) {
      const url = urlOf(filename);
      const cache = options.cacheName !== false && typeof caches !== 'undefined' ? await caches.open(options.cacheName ?? 'altclip-models') : undefined;
      const cached = cache ? await readCached(cache, url) : null;
      if (cached) {
        options.onProgress?.({ file: filename, loaded: cached.byteLength, total: cached.byteLength, phase: 'download' });
        return new MemoryByteSource(cached, url);
      }
      let response: Response;
      try {
        response = await (options.fetch ?? globalThis.fetch)(url);
      } catch (error) {
        throw new UrlFileError(`${url}: fetch failed (${(error as Error).message})`);
      }
      if (response.status === 404) return null;
      if (response.status !== 200) throw new UrlFileError(`${url}: HTTP ${response.status} ${response.statusText}`);
      const bytes = await readWithProgress(response, filename, options.onProgress);
      if (cache) await writeCached(cache, url, bytes);
      return new MemoryByteSource(bytes, url);
    },
  };
}

/**
 * Chromium's Cache API rejects single entries of a few hundred MB ("Unexpected internal error"; measured
 * in headless Chromium: 200 MiB stored, 400 MiB refused), and an exported model's weight files are
 * larger. So a file is stored as parts of at most PART_BYTES under `<url>?altclip-part=<k>` (the Cache
 * API ignores fragments), and the
 * entry under its own URL only lists them (written last: a half-written file is never found).
 */
const PART_BYTES = 64 * 1024 * 1024;
const PARTS_HEADER = 'x-altclip-parts';
const partKey = (url: string, k: number) => `${url}${url.includes('?') ? '&' : '?'}altclip-part=${k}`;

async function writeCached(cache: Cache, url: string, bytes: Uint8Array): Promise<void> {
  const parts = Math.max(1, Math.ceil(bytes.byteLength / PART_BYTES));
  for (let k = 0; k < parts; k++) {
    // A copy per part: a Response takes its body over.
    await cache.put(partKey(url, k), new Response(bytes.slice(k * PART_BYTES, (k + 1) * PART_BYTES)));
  }
  await cache.put(url, new Response(null, { headers: { [PARTS_HEADER]: String(parts), 'x-altclip-size': String(bytes.byteLength) } }));
}

async function readCached(cache: Cache, url: string): Promise<Uint8Array | null> {
  const index = await cache.match(url);
  const parts = Number(index?.headers.get(PARTS_HEADER));
  const size = Number(index?.headers.get('x-altclip-size'));
  if (!index || !Number.isSafeInteger(parts) || parts < 1 || !Number.isSafeInteger(size)) return null;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (let k = 0; k < parts; k++) {
    const part = await cache.match(partKey(url, k));
    if (!part) return null; // evicted: fetch again
    const chunk = new Uint8Array(await part.arrayBuffer());
    if (offset + chunk.byteLength > size) return null;
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return offset === size ? bytes : null;
}

async function readWithProgress(response: Response, file: string, onProgress?: (event: LoadProgress) => void): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (!response.body || !Number.isSafeInteger(declared)) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress?.({ file, loaded: bytes.byteLength, total: bytes.byteLength, phase: 'download' });
    return bytes;
  }
  // One buffer of the announced size: a multi-hundred-megabyte graph is not held twice while it arrives.
  const bytes = new Uint8Array(declared);
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength > declared) throw new UrlFileError(`${response.url || file}: more bytes than its content-length ${declared}`);
    bytes.set(value, loaded);
    loaded += value.byteLength;
    onProgress?.({ file, loaded, total: declared, phase: 'download' });
  }
  if (loaded !== declared) throw new UrlFileError(`${response.url || file}: ${loaded} bytes received, content-length said ${declared}`);
  return bytes;
}
