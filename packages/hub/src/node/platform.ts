import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ByteSource } from '../io/ByteSource.js';
import { FileByteSource } from './FileByteSource.js';

// What the hub client needs from a file system, for Node. Reached only through the `#platform` import, whose
// `browser` condition picks ../browser/platform.ts instead, so browser bundles never see node:fs.

export const hasFileSystem = true;

/** True when `path` is an existing directory (a symlink to one counts, as os.path.isdir). */
export async function isLocalDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `dir/filename` with the repository's '/' separators turned into the platform's. */
export function joinLocalPath(dir: string, filename: string): string {
  return join(dir, ...filename.split('/'));
}

export function openLocalFile(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  return FileByteSource.open(path);
}

export { directoryFiles } from './directoryFiles.js';
export { hfHubDownload } from './hfHubDownload.js';
