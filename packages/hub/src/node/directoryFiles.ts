import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelFiles } from '../files/ModelFiles.js';
import { FileByteSource } from './FileByteSource.js';

/** Files of a local directory (Node). `open` answers null for a file the directory does not have. */
export function directoryFiles(directory: string): ModelFiles {
  return {
    name: directory,
    async open(filename) {
      try {
        return await FileByteSource.open(join(directory, ...filename.split('/')));
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return null;
        throw error;
      }
    },
    // A runtime that reads files itself (ORT opens a graph's external data next to it) gets the path.
    async localPath(filename) {
      const file = join(directory, ...filename.split('/'));
      try {
        return (await stat(file)).isFile() ? file : null;
      } catch {
        return null;
      }
    },
  };
}
