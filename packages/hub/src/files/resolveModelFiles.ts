import { InvalidHubArgumentError } from '../client/HubErrors.js';
import { validateRepoId } from '../client/hfHubUrl.js';
import { hubFiles } from './hubFiles.js';
import { isModelFiles, type ModelFiles, type ResolveOptions } from './ModelFiles.js';
import { urlFiles } from './urlFiles.js';

/** What every `fromPretrained` accepts: a local directory (Node), a hub id, or ModelFiles. */
export type ModelSource = string | ModelFiles;

/**
 * An http(s) URL of a folder (an exported model on a CDN), then a local directory (Node), as transformers does, then a hub id; ModelFiles pass through. Every package's
 * `fromPretrained` goes through here, so they share one hub client and one cache.
 */
export async function resolveModelFiles(source: ModelSource, options: ResolveOptions = {}): Promise<ModelFiles> {
  if (isModelFiles(source)) return source;
  if (typeof source !== 'string') {
    throw new InvalidHubArgumentError(`expected a local directory, a hub id or ModelFiles, got ${source === null ? 'null' : typeof source}`);
  }
  if (/^https?:\/\//i.test(source)) return urlFiles(source, { onProgress: options.onProgress, fetch: options.hub?.fetch as typeof fetch | undefined });
  const platform = await import('#platform');
  if (await platform.isLocalDirectory(source)) return platform.directoryFiles(source);
  if (isHubId(source)) return hubFiles(source, options);
  throw new InvalidHubArgumentError(
    `'${source}' is neither a local directory${platform.hasFileSystem ? '' : ' (there is no file system here)'} nor a hub repo id (owner/name)`,
  );
}

/** A string that can only be meant as a hub id: valid as one and not written like a relative path. */
export function isHubId(source: string): boolean {
  if (source.startsWith('.') || source.startsWith('/')) return false;
  try {
    validateRepoId(source);
    return true;
  } catch {
    return false;
  }
}
