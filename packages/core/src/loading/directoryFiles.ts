import type { ModelFiles } from './ModelFiles.js';

/** Files of a local directory (Node; node:fs is imported only when used). */
export function directoryFiles(directory: string): ModelFiles {
  return {
    name: directory,
    async open(filename) {
      const [{ FileByteSource }, path] = await Promise.all([import('../io/node/FileByteSource.js'), import('node:path')]);
      try {
        return await FileByteSource.open(path.join(directory, filename));
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
    },
    async localPath(filename) {
      const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
      const file = path.resolve(directory, filename);
      try {
        return (await fs.stat(file)).isFile() ? file : null;
      } catch {
        return null;
      }
    },
  };
}

/** True when running where node:fs exists and `path` is a directory. */
export async function isLocalDirectory(path: string): Promise<boolean> {
  if (typeof process === 'undefined' || !process.versions?.node) return false;
  try {
    const fs = await import('node:fs/promises');
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}
