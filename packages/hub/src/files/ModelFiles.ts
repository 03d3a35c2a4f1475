import type { HubOptions } from '../client/HubOptions.js';
import type { ByteSource } from '../io/ByteSource.js';

/** Progress while fetching or reading model files. */
export interface LoadProgress {
  readonly file: string;
  readonly loaded: number;
  readonly total: number;
  readonly phase: 'download' | 'read';
}

/**
 * Where a model's files come from: a local directory, the Hub, or anything
 * else that can open a file by its repository-relative name (a browser app
 * can wrap `fetch`). `open` resolves to null when the file does not exist.
 */
export interface ModelFiles {
  /** Shown in messages (a path, repo id or URL). */
  readonly name: string;
  open(filename: string): Promise<ByteSource | null>;
  /**
   * The file on the local file system (a directory's file, a Hub cache snapshot), or null, so that a
   * runtime can open it itself (ORT reads external data from disk next to the graph). Optional.
   */
  localPath?(filename: string): Promise<string | null>;
  /** The file's URL when the files are served over HTTP(S) (a runtime may fetch it itself). Optional. */
  url?(filename: string): string;
}

/** How a hub id is resolved: HF's `from_pretrained` keywords, camelCased. Ignored for a directory or ModelFiles. */
export interface ResolveOptions {
  /** Branch, tag or commit hash (default 'main'). */
  revision?: string;
  /** The hub cache folder (default HF's: `HF_HUB_CACHE`, `$HF_HOME/hub`, ~/.cache/huggingface/hub). Node only. */
  cacheDir?: string;
  /** Use only cached files, make no request. */
  localFilesOnly?: boolean;
  /** Bearer token for private or gated repositories; `false` sends none (default `HF_TOKEN`, else the login token). */
  token?: string | false;
  onProgress?: (event: LoadProgress) => void;
  /** Any other hub client option (endpoint, fetch, env, timeouts, retries, …). The fields above take precedence. */
  hub?: HubOptions;
}

/** True for a ModelFiles object (anything with a `name` and an `open(filename)` method). */
export function isModelFiles(value: unknown): value is ModelFiles {
  return typeof value === 'object' && value !== null && typeof (value as ModelFiles).open === 'function' && typeof (value as ModelFiles).name === 'string';
}

/** A whole (small) file of a model, or null when it does not exist. */
export async function readFileBytes(files: ModelFiles, filename: string): Promise<Uint8Array | null> {
  const source = await files.open(filename);
  if (!source) return null;
  try {
    return await source.read(0, source.size);
  } finally {
    await source.close?.();
  }
}

export async function readText(files: ModelFiles, filename: string): Promise<string | null> {
  const bytes = await readFileBytes(files, filename);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}
