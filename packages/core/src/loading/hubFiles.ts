import type { ModelFiles, ResolveOptions } from './ModelFiles.js';

/**
 * Files of a Hub repository through core's hub client (`src/hub`), which
 * caches them in HF's layout. Imported lazily so that loading from a local
 * directory never pulls the client in.
 */
export function hubFiles(repoId: string, options: ResolveOptions): ModelFiles {
  return {
    name: repoId,
    async open(filename) {
      const hub = await import('../hub/index.js');
      try {
        return await hub.resolveModelFile(repoId, filename, {
          ...options.hub,
          revision: options.revision,
          cacheDir: options.cacheDir,
          localFilesOnly: options.localFilesOnly,
          onProgress: options.onProgress
            ? (e: { loaded: number; total?: number }) => options.onProgress?.({ file: filename, loaded: e.loaded, total: e.total ?? 0, phase: 'download' })
            : undefined,
        });
      } catch (error) {
        // A file the repository does not have is not an error here: the caller tries the next format.
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; code?: string; name?: string } | null;
  return e?.status === 404 || e?.code === 'ENTRY_NOT_FOUND' || e?.name === 'EntryNotFoundError';
}
