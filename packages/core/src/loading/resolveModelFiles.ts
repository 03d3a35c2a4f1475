import { directoryFiles, isLocalDirectory } from './directoryFiles.js';
import { hubFiles } from './hubFiles.js';
import { urlFiles } from './urlFiles.js';
import type { ModelFiles, ResolveOptions } from './ModelFiles.js';

export type ModelSource = string | ModelFiles;

/** A Hub repo id: `name` or `owner/name`, no path separators beyond that, no scheme. */
const REPO_ID = /^[\w.-]+(\/[\w.-]+)?$/;

/** An http(s) URL of a folder (an exported model on a CDN), a local directory (Node) first, as transformers does, then a Hub repo id. */
export async function resolveModelFiles(source: ModelSource, options: ResolveOptions = {}): Promise<ModelFiles> {
  if (typeof source !== 'string') return source;
  if (/^https?:\/\//i.test(source)) return urlFiles(source, { onProgress: options.onProgress, fetch: options.hub?.fetch as typeof fetch | undefined });
  if (await isLocalDirectory(source)) return directoryFiles(source);
  if (REPO_ID.test(source) && !source.startsWith('.') && !source.includes('..')) return hubFiles(source, options);
  throw new TypeError(`'${source}' is neither a local directory nor a Hub repo id (owner/name)`);
}
