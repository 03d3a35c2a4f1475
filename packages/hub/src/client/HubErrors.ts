/**
 * huggingface_hub's error classes (`huggingface_hub.errors`), with the same names and the same mapping from
 * HTTP responses, so code written against the Python client reads the same here.
 */
export class HfHubHTTPError extends Error {
  override name = 'HfHubHTTPError';
  /** HTTP status of the response (0 when the request never got one). */
  readonly status: number;
  readonly url: string;
  /** The response's `X-Repo-Commit`, when the hub sent one. */
  readonly commitHash?: string;

  constructor(message: string, init: { status: number; url: string; commitHash?: string; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.url = init.url;
    this.commitHash = init.commitHash;
  }
}

/** The repository does not exist, or is private and no valid token was sent (401s are reported this way too). */
export class RepositoryNotFoundError extends HfHubHTTPError {
  override name = 'RepositoryNotFoundError';
}

/** The repository is gated and this token has not been granted access. */
export class GatedRepoError extends RepositoryNotFoundError {
  override name = 'GatedRepoError';
}

/** The repository exists but the revision (branch, tag or commit) does not. */
export class RevisionNotFoundError extends HfHubHTTPError {
  override name = 'RevisionNotFoundError';
}

/** The repository and revision exist but the file does not (404). */
export class EntryNotFoundError extends HfHubHTTPError {
  override name = 'EntryNotFoundError';
  readonly code = 'ENTRY_NOT_FOUND';
}

/** The file is not in the local cache and the network may not be used (offline mode or `localFilesOnly`). */
export class LocalEntryNotFoundError extends EntryNotFoundError {
  override name = 'LocalEntryNotFoundError';
}

/** `HF_HUB_OFFLINE` is set: no request is made. Raised as the cause of a LocalEntryNotFoundError on a cache miss. */
export class OfflineModeIsEnabledError extends Error {
  override name = 'OfflineModeIsEnabledError';
}

/** The hub's answer lacks what the cache needs (`X-Repo-Commit`, an ETag, a size). */
export class FileMetadataError extends Error {
  override name = 'FileMetadataError';
}

/** Downloaded bytes do not match the hub's size or ETag (sha256 for LFS files, git blob sha1 for the others). */
export class ChecksumMismatchError extends Error {
  override name = 'ChecksumMismatchError';
  readonly expected: string;
  readonly actual: string;

  constructor(file: string, kind: 'size' | 'sha256' | 'git-sha1', expected: string, actual: string) {
    super(`${file}: downloaded ${kind} ${actual} does not match the hub's ${expected}; the partial download was discarded`);
    this.expected = expected;
    this.actual = actual;
  }
}

/** A hub id or filename that cannot name a repository file. */
export class InvalidHubArgumentError extends Error {
  override name = 'InvalidHubArgumentError';
}

/**
 * A request took too long: no response headers within `connectTimeoutMs` (phase 'connect'), a silence longer than
 * `idleTimeoutMs` while the body streams (phase 'idle'), or the whole file past `totalTimeoutMs` (phase 'total',
 * never retried). Connect and idle timeouts are retried like other transient failures.
 */
export class HubTimeoutError extends HfHubHTTPError {
  override name = 'HubTimeoutError';
  readonly phase: 'connect' | 'idle' | 'total';
  readonly timeoutMs: number;
  constructor(message: string, init: { url: string; phase: 'connect' | 'idle' | 'total'; timeoutMs: number }) {
    super(message, { status: 0, url: init.url });
    this.phase = init.phase;
    this.timeoutMs = init.timeoutMs;
  }
}

/**
 * Transient failures (5xx, 429, connection resets, connect or idle timeouts) outlasted the retries. `cause` is the
 * last failure; `attempts` how many requests were made without progress.
 */
export class HubRetriesExhaustedError extends HfHubHTTPError {
  override name = 'HubRetriesExhaustedError';
  readonly attempts: number;
  constructor(message: string, init: { url: string; attempts: number; cause: unknown }) {
    super(message, { status: init.cause instanceof HfHubHTTPError ? init.cause.status : 0, url: init.url, cause: init.cause });
    this.attempts = init.attempts;
  }
}
