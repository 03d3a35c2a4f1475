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
      const cached = await cache?.match(url);
      if (cached) {
        const bytes = new Uint8Array(await cached.arrayBuffer());
        options.onProgress?.({ file: filename, loaded: bytes.byteLength, total: bytes.byteLength, phase: 'download' });
        return new MemoryByteSource(bytes, url);
      }
      let response: Response;
      try {
        response = await (options.fetch ?? globalThis.fetch)(url);
      } catch (error) {
        throw new UrlFileError(`${url}: fetch failed (${(error as Error).message})`);
      }
      if (response.status === 404) return null;
      if (response.status !== 200) throw new UrlFileError(`${url}: HTTP ${response.status} ${response.statusText}`);
      // The cache gets a clone of the stream, written while we read ours: no second copy of a large file in memory.
      const stored = cache?.put(url, response.clone());
      const bytes = await readWithProgress(response, filename, options.onProgress);
      await stored;
      return new MemoryByteSource(bytes, url);
    },
  };
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
