import type { ModelFiles, ResolveOptions } from './ModelFiles.js';

/**
 * Files of a Hub repository through core's hub client (`src/hub`), which
 * caches them in huggingface_hub's layout. Imported lazily so that loading
 * from a local directory or memory never pulls the client in.
 */
export function hubFiles(repoId: string, options: ResolveOptions): ModelFiles {
  const files: ModelFiles = {
    name: repoId,
    async localPath(filename) {
      // Downloads into the cache when needed; Node only (browsers have no cache path).
      const source = await files.open(filename);
      await source?.close?.();
      return (source as { path?: string } | null)?.path ?? null;
    },
    async open(filename) {
      const hub = await import('../hub/index.js');
      try {
        return await hub.resolveModelFile(repoId, filename, {
          ...options.hub,
          revision: options.revision,
          cacheDir: options.cacheDir,
          localFilesOnly: options.localFilesOnly,
          onProgress: options.onProgress && ((e) => options.onProgress?.({ file: e.file, loaded: e.loaded, total: e.total, phase: 'download' })),
        });
      } catch (error) {
        // A missing weights file is not an error here: the caller tries the next format.
        // config.json has no alternative, so the hub's own error (offline, 404, …) reaches the user.
        if (error instanceof hub.EntryNotFoundError && filename !== 'config.json') return null;
        throw error;
      }
    },
  };
  return files;
}
