import { BlobByteSource } from '../io/BlobByteSource.js';
import { etagChecksum, normalizeEtag } from './etag.js';
import { ChecksumMismatchError, HfHubHTTPError, LocalEntryNotFoundError, OfflineModeIsEnabledError } from './HubErrors.js';
import type { HubOptions } from './HubOptions.js';
import { COMMIT_HASH, DEFAULT_REVISION, hfHubUrl, validateFilename, validateRepoId } from './hfHubUrl.js';
import { readHubEnvironment } from './hubEnvironment.js';
import { hubErrorForResponse } from './hubErrorForResponse.js';
import { requestPolicy } from './RequestPolicy.js';
import { ResolvedModelFile } from './ResolvedModelFile.js';
import { timedFetch } from './timedFetch.js';
import { withRetries } from './withRetries.js';

const CACHE_NAME = 'altclip-hub';

async function verify(bytes: ArrayBuffer, etag: string | undefined, file: string): Promise<void> {
  const kind = etag ? etagChecksum(etag) : undefined;
  if (!kind || !etag || !globalThis.crypto?.subtle) return;
  const data = kind === 'sha256' ? bytes : await new Blob([new TextEncoder().encode(`blob ${bytes.byteLength}\0`), bytes]).arrayBuffer();
  const digest = await crypto.subtle.digest(kind === 'sha256' ? 'SHA-256' : 'SHA-1', data);
  const actual = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (actual !== etag) throw new ChecksumMismatchError(file, kind, etag, actual);
}

/**
 * The browser/worker path: no file system, so the file is fetched from the same resolve URL (redirects
 * followed by fetch) and kept in the Cache API when there is one. A commit-hash revision is served from that
 * cache without a request; a branch is re-fetched while online and served from the cache when offline.
 * The checksum is verified whenever the final response exposes the hub's ETag headers.
 */
export async function fetchHubFile(repoId: string, filename: string, options: HubOptions = {}): Promise<ResolvedModelFile> {
  validateRepoId(repoId);
  validateFilename(filename);
  const env = readHubEnvironment(options.env);
  const revision = options.revision ?? DEFAULT_REVISION;
  const url = hfHubUrl(repoId, filename, { revision, endpoint: options.endpoint ?? env.endpoint });
  const name = `${repoId}/${filename}`;
  const cache = globalThis.caches ? await globalThis.caches.open(CACHE_NAME).catch(() => undefined) : undefined;
  const offline = Boolean(options.localFilesOnly) || env.offline;
  const commitHash = COMMIT_HASH.test(revision) ? revision : undefined;

  if (cache && !options.forceDownload && (offline || commitHash)) {
    const cached = await cache.match(url);
    if (cached) return new ResolvedModelFile(new BlobByteSource(await cached.blob(), name), undefined, cached.headers.get('x-repo-commit') ?? commitHash);
  }
  if (offline) {
    throw new LocalEntryNotFoundError(`${name}@${revision} is not in the browser cache and ${env.offline ? 'HF_HUB_OFFLINE is set' : 'localFilesOnly is set'}`, {
      status: 0,
      url,
      cause: env.offline ? new OfflineModeIsEnabledError('HF_HUB_OFFLINE is set') : undefined,
    });
  }

  const token = options.token === false ? undefined : (options.token ?? env.token);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const policy = requestPolicy(options, env);
  // The size is unknown until the headers arrive: the deadline starts from the floor and grows once it is known.
  const started = Date.now();
  let totalTimeoutMs = policy.totalTimeoutMs(0);
  let deadline = started + totalTimeoutMs;
  const what = `'${filename}' of ${repoId}@${revision}`;
  // No Range resume here (the body is kept in memory until it is verified): a failed attempt starts over.
  const context = { policy, url, what, deadline, totalTimeoutMs };
  const { response, chunks } = await withRetries(context, async () => {
    const limits = { connectTimeoutMs: policy.connectTimeoutMs, idleTimeoutMs: policy.idleTimeoutMs, deadline, totalTimeoutMs };
    const timed = await timedFetch(fetchImpl, url, { headers: token ? { authorization: `Bearer ${token}` } : {} }, limits);
    const error = hubErrorForResponse(timed.response, url, what);
    if (error) {
      await timed.cancel();
      throw error;
    }
    const total = Number(timed.response.headers.get('x-linked-size') ?? timed.response.headers.get('content-length') ?? 0);
    totalTimeoutMs = policy.totalTimeoutMs(total);
    deadline = started + totalTimeoutMs;
    limits.totalTimeoutMs = context.totalTimeoutMs = totalTimeoutMs;
    limits.deadline = context.deadline = deadline;
    const parts: Uint8Array[] = [];
    let loaded = 0;
    for await (const value of timed.chunks()) {
      parts.push(value);
      loaded += value.byteLength;
      options.onProgress?.({ file: filename, loaded, total: total || loaded });
    }
    if (total && loaded < total) throw new HfHubHTTPError(`${what}: connection closed after ${loaded} of ${total} bytes`, { status: 0, url });
    return { response: timed.response, chunks: parts };
  });
  const blob = new Blob(chunks as BlobPart[]);
  // After a CDN redirect only a hub-exposed X-Linked-Etag is trustworthy; the CDN's own ETag may be an MD5.
  const etag = normalizeEtag(response.headers.get('x-linked-etag') ?? (response.redirected ? null : response.headers.get('etag')));
  await verify(await blob.arrayBuffer(), etag, name);
  const resolvedCommit = response.headers.get('x-repo-commit') ?? commitHash;
  if (cache) {
    const headers = new Headers({ 'content-type': 'application/octet-stream' });
    if (resolvedCommit) headers.set('x-repo-commit', resolvedCommit);
    await cache.put(url, new Response(blob, { headers })).catch(() => undefined);
  }
  return new ResolvedModelFile(new BlobByteSource(blob, name), undefined, resolvedCommit);
}
