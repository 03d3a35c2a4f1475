import { isSafeBlobName } from '../client/etag.js';
import { getHfFileMetadata } from '../client/getHfFileMetadata.js';
import {
  EntryNotFoundError,
  FileMetadataError,
  GatedRepoError,
  HfHubHTTPError,
  HubRetriesExhaustedError,
  HubTimeoutError,
  InvalidHubArgumentError,
  LocalEntryNotFoundError,
  OfflineModeIsEnabledError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
} from '../client/HubErrors.js';
import type { HubOptions } from '../client/HubOptions.js';
import { COMMIT_HASH, DEFAULT_REVISION, hfHubUrl, repoFolderName, validateFilename, validateRepoId } from '../client/hfHubUrl.js';
import { readHubEnvironment } from '../client/hubEnvironment.js';
import { requestPolicy } from '../client/RequestPolicy.js';
import { downloadToFile } from './downloadToFile.js';
import { resolveHubSettings } from './resolveHubSettings.js';

export interface HubDownloadResult {
  /** The snapshot path (`…/snapshots/<commit>/<filename>`, a symlink to the blob). */
  readonly path: string;
  /** The commit the revision resolved to, when known. */
  readonly commitHash?: string;
}

type NodeFs = typeof import('node:fs/promises');

const inFlight = new Map<string, Promise<void>>();
type NodePath = typeof import('node:path');

async function exists(fs: NodeFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path); // follows the symlink: a dangling pointer does not count, as os.path.exists
    return true;
  } catch {
    return false;
  }
}

async function readRef(fs: NodeFs, refPath: string): Promise<string | undefined> {
  try {
    return (await fs.readFile(refPath, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** refs/<revision> ← commit, written only when it changes (the cache may be shared and read-only). */
async function cacheCommitHash(fs: NodeFs, path: NodePath, storage: string, revision: string, commit: string): Promise<void> {
  if (revision === commit) return;
  const refPath = path.join(storage, 'refs', ...revision.split('/'));
  if ((await readRef(fs, refPath)) === commit) return;
  await fs.mkdir(path.dirname(refPath), { recursive: true });
  await fs.writeFile(refPath, commit);
}

/** `_create_symlink`: a relative link so the cache folder can move; a copy where links are not allowed. */
async function createPointer(fs: NodeFs, path: NodePath, blob: string, pointer: string): Promise<void> {
  await fs.mkdir(path.dirname(pointer), { recursive: true });
  await fs.rm(pointer, { force: true });
  try {
    await fs.symlink(path.relative(path.dirname(pointer), blob), pointer);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return;
    await fs.copyFile(blob, pointer);
  }
}

function validateRevision(revision: string): void {
  if (revision === '' || revision.split('/').some((p) => p === '' || p === '.' || p === '..') || revision.includes('\\')) {
    throw new InvalidHubArgumentError(`revision '${revision}' cannot name a ref`);
  }
}

/**
 * `hf_hub_download` into huggingface_hub's cache layout, so a Python cache is reused and vice versa:
 * `models--{ns}--{name}/blobs/<etag>`, `refs/<revision>` → commit, `snapshots/<commit>/<file>` → ../../blobs/<etag>,
 * `.no_exist/<commit>/<file>` for files the hub said are missing.
 */
export async function hfHubDownload(repoId: string, filename: string, options: HubOptions = {}): Promise<HubDownloadResult> {
  validateRepoId(repoId);
  validateFilename(filename);
  const revision = options.revision ?? DEFAULT_REVISION;
  validateRevision(revision);
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const env = readHubEnvironment(options.env);
  const settings = await resolveHubSettings(options, env);
  const policy = requestPolicy(options, env);
  const storage = path.join(settings.cacheDir, repoFolderName(repoId));
  const parts = filename.split('/');
  const pointerPath = (commit: string) => path.join(storage, 'snapshots', commit, ...parts);
  const noExistPath = (commit: string) => path.join(storage, '.no_exist', commit, ...parts);
  const what = `'${filename}' of ${repoId}@${revision}`;

  if (COMMIT_HASH.test(revision) && !options.forceDownload) {
    // A commit never moves: a cached file (or a cached absence) needs no request.
    if (await exists(fs, pointerPath(revision))) return { path: pointerPath(revision), commitHash: revision };
    if (await exists(fs, noExistPath(revision))) {
      throw new EntryNotFoundError(`${what} does not exist (cached answer in ${noExistPath(revision)})`, { status: 404, url: '', commitHash: revision });
    }
  }

  const url = hfHubUrl(repoId, filename, { revision, endpoint: settings.endpoint });
  let headError: unknown;
  let metadata: Awaited<ReturnType<typeof getHfFileMetadata>> | undefined;
  if (settings.localFilesOnly) {
    headError = env.offline && !options.localFilesOnly ? new OfflineModeIsEnabledError(`HF_HUB_OFFLINE is set: not requesting ${url}`) : undefined;
  } else {
    try {
      metadata = await getHfFileMetadata(url, {
        headers: settings.headers,
        fetch: settings.fetch,
        what,
        timeoutMs: policy.etagTimeoutMs,
        policy,
      });
      if (!metadata.commitHash || !isSafeBlobName(metadata.commitHash)) {
        throw new FileMetadataError(`${url}: the response has no usable X-Repo-Commit header; is ${settings.endpoint} a Hugging Face hub?`);
      }
      if (!metadata.etag || !isSafeBlobName(metadata.etag)) throw new FileMetadataError(`${url}: the response has no usable ETag`);
      if (metadata.size === undefined) throw new FileMetadataError(`${url}: the response has no X-Linked-Size or Content-Length`);
    } catch (error) {
      if (error instanceof EntryNotFoundError) {
        // Remember the absence for this commit, as huggingface_hub does (transformers consults it).
        if (error.commitHash && isSafeBlobName(error.commitHash)) {
          try {
            await fs.mkdir(path.dirname(noExistPath(error.commitHash)), { recursive: true });
            await fs.writeFile(noExistPath(error.commitHash), '');
            await cacheCommitHash(fs, path, storage, revision, error.commitHash);
          } catch {
            // A read-only cache only loses the memo.
          }
        }
        throw error;
      }
      if (error instanceof RevisionNotFoundError) throw error;
      // Network failures, other HTTP errors, odd metadata: fall back to the cache, as huggingface_hub does.
      headError = error;
      metadata = undefined;
    }
  }

  if (!metadata) {
    if (options.forceDownload) throw new LocalEntryNotFoundError(`cannot force a download of ${what}: the hub is not reachable`, { status: 0, url, cause: headError });
    const commit = COMMIT_HASH.test(revision) ? revision : await readRef(fs, path.join(storage, 'refs', ...revision.split('/')));
    if (commit !== undefined && isSafeBlobName(commit)) {
      if (await exists(fs, pointerPath(commit))) return { path: pointerPath(commit), commitHash: commit };
      if (await exists(fs, noExistPath(commit))) {
        throw new EntryNotFoundError(`${what} does not exist (cached answer in ${noExistPath(commit)})`, { status: 404, url, commitHash: commit });
      }
    }
    if (settings.localFilesOnly) {
      throw new LocalEntryNotFoundError(
        `${what} is not in the cache ${settings.cacheDir} and ${env.offline ? 'HF_HUB_OFFLINE is set' : 'localFilesOnly is set'}; ` +
          'allow downloads to fetch it from the hub',
        { status: 0, url, cause: headError },
      );
    }
    if (headError instanceof RepositoryNotFoundError || headError instanceof GatedRepoError) throw headError;
    if (headError instanceof HfHubHTTPError && headError.status === 401) throw headError;
    if (headError instanceof HubTimeoutError || headError instanceof HubRetriesExhaustedError) throw headError;
    throw new LocalEntryNotFoundError(
      `${what}: the hub could not be reached (${String((headError as Error)?.message ?? headError)}) and the file is not in the cache ${settings.cacheDir}`,
      { status: 0, url, cause: headError },
    );
  }

  const commit = metadata.commitHash as string;
  const etag = metadata.etag as string;
  const blobPath = path.join(storage, 'blobs', etag);
  const pointer = pointerPath(commit);
  await fs.mkdir(path.dirname(blobPath), { recursive: true });
  await cacheCommitHash(fs, path, storage, revision, commit);
  if (!options.forceDownload) {
    if (await exists(fs, pointer)) return { path: pointer, commitHash: commit };
    if (await exists(fs, blobPath)) {
      await createPointer(fs, path, blobPath, pointer);
      return { path: pointer, commitHash: commit };
    }
  }

  // The LFS CDN URL is pre-signed: the token is for the hub only.
  const headers = { ...settings.headers };
  if (new URL(metadata.location).host !== new URL(url).host) delete headers.authorization;
  const incompletePath = `${blobPath}.incomplete`;
  // Two calls for one blob in this process share one download instead of appending to the same .incomplete file.
  // (Other processes are not locked out; a collision there fails the checksum rather than corrupting the cache.)
  const running = inFlight.get(blobPath);
  if (running) {
    await running;
    await createPointer(fs, path, blobPath, pointer);
    return { path: pointer, commitHash: commit };
  }
  if (options.forceDownload) await fs.rm(incompletePath, { force: true });
  const download = downloadToFile({
    url: metadata.location,
    headers,
    incompletePath,
    destination: blobPath,
    expectedSize: metadata.size as number,
    etag,
    file: filename,
    fetch: settings.fetch,
    onProgress: options.onProgress,
    policy,
  });
  inFlight.set(blobPath, download);
  try {
    await download;
  } finally {
    inFlight.delete(blobPath);
  }
  await createPointer(fs, path, blobPath, pointer);
  return { path: pointer, commitHash: commit };
}
