import { etagChecksum } from '../client/etag.js';
import { ChecksumMismatchError, HfHubHTTPError } from '../client/HubErrors.js';
import type { HubProgress } from '../client/HubProgress.js';
import { hubErrorForResponse } from '../client/hubErrorForResponse.js';
import type { RequestPolicy } from '../client/RequestPolicy.js';
import { timedFetch } from '../client/timedFetch.js';
import { withRetries } from '../client/withRetries.js';

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
  /** Connect/idle/total timeouts and retries (see RequestPolicy). */
  readonly policy: RequestPolicy;
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

    const { policy } = options;
    const totalTimeoutMs = policy.totalTimeoutMs(expectedSize);
    const deadline = Date.now() + totalTimeoutMs;
    let sizeBefore = size;
    const attempt = async () => {
      sizeBefore = size;
      const headers: Record<string, string> = { ...options.headers, 'accept-encoding': 'identity' };
      if (size > 0) headers.range = `bytes=${size}-`;
      const limits = { connectTimeoutMs: policy.connectTimeoutMs, idleTimeoutMs: policy.idleTimeoutMs, deadline, totalTimeoutMs };
      const { response, chunks, cancel } = await timedFetch(options.fetch, url, { headers, redirect: 'follow' }, limits);
      if (response.status === 416 && size > 0) {
        // The server disagrees about what is left: start over rather than trust the partial file.
        await cancel();
        await restart();
        throw new HfHubHTTPError(`${file}: the server refused to resume at byte ${sizeBefore}; starting over`, { status: 0, url });
      }
      const error = hubErrorForResponse(response, url, file);
      if (error) {
        await cancel();
        throw error;
      }
      if (size > 0 && (response.status !== 206 || !response.headers.get('content-range')?.startsWith(`bytes ${size}-`))) {
        // Range ignored (a full 200) or answered for another offset: the body starts at 0.
        await restart();
      }
      if (!response.body) throw new HfHubHTTPError(`${file}: empty response body from ${url}`, { status: response.status, url });
      for await (const value of chunks()) {
        if (size + value.byteLength > expectedSize) {
          await restart();
          throw new ChecksumMismatchError(file, 'size', `${expectedSize} bytes`, `more than ${expectedSize} bytes`);
        }
        await handle.write(value, 0, value.byteLength, size);
        hash?.update(value);
        size += value.byteLength;
        options.onProgress?.({ file, loaded: size, total: expectedSize });
      }
      if (size < expectedSize) {
        throw new HfHubHTTPError(`${file}: connection closed after ${size} of ${expectedSize} bytes`, { status: 0, url });
      }
    };
    // A dropped, stalled or reset connection is resumed with a Range request; any new bytes restore the retry
    // budget, so only a connection that makes no progress gives up. The bytes kept stay for a later resume.
    if (size < expectedSize) await withRetries({ policy, url, what: `download of ${file}`, deadline, totalTimeoutMs, madeProgress: () => size > sizeBefore }, attempt);

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
