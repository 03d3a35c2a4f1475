import { etagChecksum } from '../client/etag.js';
import { ChecksumMismatchError, HfHubHTTPError } from '../client/HubErrors.js';
import type { HubProgress } from '../client/HubProgress.js';
import { hubErrorForResponse } from '../client/hubErrorForResponse.js';

export interface DownloadToFileOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** `<blob>.incomplete`: appended to across attempts and processes, renamed to `destination` when verified. */
  readonly incompletePath: string;
  readonly destination: string;
  readonly expectedSize: number;
  readonly etag: string;
  /** The repository filename, for progress events and messages. */
  readonly file: string;
  readonly fetch: typeof fetch;
  readonly onProgress?: (event: HubProgress) => void;
  /** Attempts without new bytes before giving up (huggingface_hub's http_get uses 5). */
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  /** Silence (no bytes) after which the attempt is aborted and retried. */
  readonly idleTimeoutMs: number;
}

type Hash = import('node:crypto').Hash;

/**
 * `http_get` + `_download_to_tmp_and_move`: streams the file into `.incomplete`, resuming with a Range request
 * from whatever an earlier attempt (or process, Python's included) left there, retrying when the connection
 * drops mid-file, then checks size and ETag (sha256 / git blob sha1) before moving it into place.
 */
export async function downloadToFile(options: DownloadToFileOptions): Promise<void> {
  const fs = await import('node:fs/promises');
  const { createHash } = await import('node:crypto');
  const { url, incompletePath, expectedSize, etag, file } = options;
  const checksum = etagChecksum(etag);

  const newHash = (): Hash | undefined => {
    if (!checksum) return undefined;
    const hash = createHash(checksum === 'sha256' ? 'sha256' : 'sha1');
    // A git blob id hashes the object header before the content.
    if (checksum === 'git-sha1') hash.update(`blob ${expectedSize}\0`);
    return hash;
  };

  const handle = await fs.open(incompletePath, 'a+');
  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      await handle.close();
    }
  };
  try {
    let size = (await handle.stat()).size;
    let hash = newHash();
    const restart = async () => {
      await handle.truncate(0);
      size = 0;
      hash = newHash();
    };
    if (size > expectedSize) await restart();
    if (size > 0 && hash) {
      // Resuming: the bytes already on disk are part of the checksum.
      const buffer = new Uint8Array(Math.min(size, 1 << 22));
      for (let at = 0; at < size; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        at += bytesRead;
      }
    }

    let retriesLeft = options.maxRetries;
    while (size < expectedSize) {
      const headers: Record<string, string> = { ...options.headers, 'accept-encoding': 'identity' };
      if (size > 0) headers.range = `bytes=${size}-`;
      const sizeBefore = size;
      let failure: unknown;
      // A stalled connection is aborted after `idleTimeoutMs` without bytes and resumed like a dropped one.
      const abort = new AbortController();
      let idle: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => abort.abort(new Error(`no data for ${options.idleTimeoutMs} ms`)), options.idleTimeoutMs);
      };
      arm();
      try {
        const response = await options.fetch(url, { headers, redirect: 'follow', signal: abort.signal });
        if (response.status === 416 && size > 0) {
          // The server disagrees about what is left: start over rather than trust the partial file.
          await response.body?.cancel();
          await restart();
          continue;
        }
        const error = hubErrorForResponse(response, url, file);
        if (error) {
          await response.body?.cancel();
          throw error;
        }
        if (size > 0 && (response.status !== 206 || !response.headers.get('content-range')?.startsWith(`bytes ${size}-`))) {
          // Range ignored (a full 200) or answered for another offset: the body starts at 0.
          await restart();
        }
        if (!response.body) throw new HfHubHTTPError(`${file}: empty response body from ${url}`, { status: response.status, url });
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          arm();
          if (size + value.byteLength > expectedSize) {
            await reader.cancel();
            await restart();
            throw new ChecksumMismatchError(file, 'size', `${expectedSize} bytes`, `more than ${expectedSize} bytes`);
          }
          await handle.write(value, 0, value.byteLength, size);
          hash?.update(value);
          size += value.byteLength;
          options.onProgress?.({ file, loaded: size, total: expectedSize });
        }
        if (size < expectedSize) failure = new Error(`connection closed after ${size} of ${expectedSize} bytes`);
      } catch (error) {
        if (error instanceof HfHubHTTPError || error instanceof ChecksumMismatchError) throw error;
        failure = error;
      } finally {
        clearTimeout(idle);
      }
      if (failure !== undefined) {
        // Any new bytes restore the retry budget: only a connection that makes no progress gives up.
        if (size > sizeBefore) retriesLeft = options.maxRetries;
        if (retriesLeft-- <= 0) {
          throw new HfHubHTTPError(`${file}: download from ${url} failed after ${options.maxRetries} retries (${size} of ${expectedSize} bytes kept for resuming)`, {
            status: 0,
            url,
            cause: failure,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs));
      }
    }

    if (hash) {
      const actual = hash.digest('hex');
      if (actual !== etag) {
        await close();
        await fs.rm(incompletePath, { force: true });
        throw new ChecksumMismatchError(file, checksum as 'sha256' | 'git-sha1', etag, actual);
      }
    }
    await close();
    await fs.rename(incompletePath, options.destination);
  } finally {
    await close();
  }
}
