import { EntryNotFoundError } from '../client/HubErrors.js';
import type { HubOptions } from '../client/HubOptions.js';
import { resolveModelFile } from '../client/resolveModelFile.js';
import type { ModelFiles, ResolveOptions } from './ModelFiles.js';

/** The hub client's options for one ResolveOptions: the top-level fields win over `hub`. */
export function hubOptions(options: ResolveOptions): HubOptions {
  const { revision, cacheDir, localFilesOnly, token, onProgress } = options;
  return {
    ...options.hub,
    ...(revision !== undefined && { revision }),
    ...(cacheDir !== undefined && { cacheDir }),
    ...(localFilesOnly !== undefined && { localFilesOnly }),
    ...(token !== undefined && { token }),
    ...(onProgress && { onProgress: (e) => onProgress({ file: e.file, loaded: e.loaded, total: e.total, phase: 'download' }) }),
  };
}

/**
 * Files of a hub repository through the hub client, which caches them in huggingface_hub's layout (Node) or the
 * Cache API (browsers). `open` answers null for a file the repository (or, offline, the cache) does not have, so
 * callers can try the next candidate (safetensors, then pytorch_model.bin; tokenizer.json, then the SentencePiece
 * model). config.json has no alternative, so the hub's own error (offline, 404, …) reaches the user.
 */
export function hubFiles(repoId: string, options: ResolveOptions = {}): ModelFiles {
  const settings = hubOptions(options);
  // The first file resolved pins the commit its revision pointed to, so every later file (and a later re-read, such
  // as savePretrained's) comes from the same snapshot even if the branch moves meanwhile; a cached file of a pinned
  // commit also needs no request.
  let pinned: string | undefined;
  const files: ModelFiles = {
    name: repoId,
    async localPath(filename) {
      // Downloads into the cache when needed; only Node has a cache path (browsers answer null).
      const source = await files.open(filename);
      await source?.close?.();
      return (source as { path?: string } | null)?.path ?? null;
    },
    async open(filename) {
      try {
        const file = await resolveModelFile(repoId, filename, pinned ? { ...settings, revision: pinned } : settings);
        pinned ??= file.commitHash;
        return file;
      } catch (error) {
        if (error instanceof EntryNotFoundError && filename !== 'config.json') return null;
        throw error;
      }
    },
  };
  return files;
}
