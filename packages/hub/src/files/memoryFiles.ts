import { MemoryByteSource } from '../io/MemoryByteSource.js';
import type { ModelFiles } from './ModelFiles.js';

/** Model files already in memory (tests, or bytes an app fetched itself). */
export function memoryFiles(files: Record<string, Uint8Array | ArrayBuffer | string>, name = 'memory'): ModelFiles {
  return {
    name,
    async open(filename) {
      const value = files[filename];
      if (value === undefined) return null;
      return new MemoryByteSource(typeof value === 'string' ? new TextEncoder().encode(value) : value, `${name}/${filename}`);
    },
  };
}
