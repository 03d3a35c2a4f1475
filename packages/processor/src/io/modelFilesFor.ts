import { isHubId, isModelFiles, type ModelFiles, type ResolveOptions, resolveModelFiles } from '@altclip/hub';

/**
 * The ModelFiles behind a source that is ModelFiles or a hub id ('BAAI/AltCLIP'; a local directory of that name
 * still wins, as in transformers), so that every processor class reads through @altclip/hub's one client and
 * cache. Undefined for paths and URLs, which keep their own readers.
 */
export async function modelFilesFor(source: unknown, options: ResolveOptions = {}): Promise<ModelFiles | undefined> {
  if (isModelFiles(source)) return source;
  if (typeof source === 'string' && isHubId(source)) return resolveModelFiles(source, options);
  return undefined;
}

/** Whether `modelFilesFor` will answer for `source` (decidable without I/O). */
export function isModelFilesSource(source: unknown): boolean {
  return isModelFiles(source) || (typeof source === 'string' && isHubId(source));
}
