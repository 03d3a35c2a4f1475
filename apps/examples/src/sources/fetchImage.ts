import { ImageFetchError } from './ImageFetchError.js';

export interface FetchLimits {
  /** Whole request (headers and body); a server that stalls is given up on after this. */
  timeoutMs: number;
  /** Larger bodies are refused, by Content-Length before reading or while streaming (a lying or absent header). */
  maxBytes: number;
}

/** 30 s and 64 MiB: far above any photo, small enough that one bad URL cannot hold a worker or fill its memory. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024 };

export function isImageUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export interface FetchedImage {
  bytes: Uint8Array;
  /** Last-Modified, as ms since the epoch (0 when the server sends none). */
  mtimeMs: number;
}

/**
 * GETs an image URL with a time and size limit. The pixel count is the decoder's business (the processor's
 * `maxPixels`); what is fetched here is only bytes, so a non-image body passes and is refused by the decoder
 * with its own reason.
 */
export async function fetchImage(url: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedImage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (error) {
    throw new ImageFetchError(url, signal.aborted ? `no response within ${limits.timeoutMs} ms` : `fetch failed (${causeOf(error)})`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ImageFetchError(url, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    throw new ImageFetchError(url, `${declared} bytes, over the limit of ${limits.maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
      size += part.value.byteLength;
      if (size > limits.maxBytes) {
        await reader!.cancel();
        throw new ImageFetchError(url, `body over the limit of ${limits.maxBytes} bytes`);
      }
      chunks.push(part.value);
    }
  } catch (error) {
    if (error instanceof ImageFetchError) throw error;
    throw new ImageFetchError(url, signal.aborted ? `body not received within ${limits.timeoutMs} ms` : `reading the body failed (${causeOf(error)})`);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  const lastModified = Date.parse(response.headers.get('last-modified') ?? '');
  return { bytes, mtimeMs: Number.isNaN(lastModified) ? 0 : lastModified };
}

/** undici wraps the useful reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function causeOf(error: unknown): string {
  const e = error as Error & { cause?: Error & { code?: string } };
  return (e.cause?.code ?? e.cause?.message ?? e.message).split('\n')[0];
}
