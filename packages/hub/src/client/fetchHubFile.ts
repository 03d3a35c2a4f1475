import { BlobByteSource } from '../io/BlobByteSource.js';
import { etagChecksum, normalizeEtag } from './etag.js';
import { ChecksumMismatchError, LocalEntryNotFoundError, OfflineModeIsEnabledError } from './HubErrors.js';
import type { HubOptions } from './HubOptions.js';
import { COMMIT_HASH, DEFAULT_REVISION, hfHubUrl, validateFilename, validateRepoId } from './hfHubUrl.js';
import { readHubEnvironment } from './hubEnvironment.js';
import { hubErrorForResponse } from './hubErrorForResponse.js';
import { ResolvedModelFile } from './ResolvedModelFile.js';

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
  const response = await fetchImpl(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const error = hubErrorForResponse(response, url, `'${filename}' of ${repoId}@${revision}`);
  if (error) throw error;
  const total = Number(response.headers.get('x-linked-size') ?? response.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      options.onProgress?.({ file: filename, loaded, total: total || loaded });
    }
  }
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
