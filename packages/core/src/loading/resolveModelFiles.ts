import { directoryFiles, isLocalDirectory } from './directoryFiles.js';
import { hubFiles } from './hubFiles.js';
import type { ModelFiles, ResolveOptions } from './ModelFiles.js';

export type ModelSource = string | ModelFiles;

/** A Hub repo id: `name` or `owner/name`, no path separators beyond that, no scheme. */
const REPO_ID = /^[\w.-]+(\/[\w.-]+)?$/;

/** Local directory (Node) first, as transformers does, then a Hub repo id. */
export async function resolveModelFiles(source: ModelSource, options: ResolveOptions = {}): Promise<ModelFiles> {
  if (typeof source !== 'string') return source;
  if (await isLocalDirectory(source)) return directoryFiles(source);
  if (REPO_ID.test(source) && !source.startsWith('.') && !source.includes('..')) return hubFiles(source, options);
  throw new TypeError(`'${source}' is neither a local directory nor a Hub repo id (owner/name)`);
}
