import { importNodeBuiltins } from '#nodeBuiltins';
import { CheckpointError } from '../weights/CheckpointError.js';
import type { ModelFiles } from './ModelFiles.js';

/** Files of a local directory (Node; node:fs is imported only when used, through `#nodeBuiltins`). */
export function directoryFiles(directory: string): ModelFiles {
  return {
    name: directory,
    async open(filename) {
      const [{ FileByteSource }, node] = await Promise.all([import('../io/node/FileByteSource.js'), importNodeBuiltins()]);
      if (!node) throw new CheckpointError(`${directory}: reading a local directory needs Node; pass a URL or ModelFiles instead`);
      try {
        return await FileByteSource.open(node.path.join(directory, filename));
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

/** True when running where node:fs exists and `path` is a directory. */
export async function isLocalDirectory(path: string): Promise<boolean> {
  const node = await importNodeBuiltins();
  if (!node) return false;
  try {
    return (await node.fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}
