import { InvalidHubArgumentError } from '../client/HubErrors.js';
import type { HubOptions } from '../client/HubOptions.js';
import type { ByteSource } from '../io/ByteSource.js';
import type { HubDownloadResult } from '../node/hfHubDownload.js';

// The `#platform` module of browsers and workers (the `browser` condition): there is no file system, so local
// paths do not exist and hub files come from fetch + the Cache API (client/fetchHubFile.ts).

export const hasFileSystem = false;

export async function isLocalDirectory(_path: string): Promise<boolean> {
  return false;
}

export function joinLocalPath(dir: string, filename: string): string {
  return `${dir.replace(/\/+$/, '')}/${filename}`;
}

export async function openLocalFile(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  throw new InvalidHubArgumentError(`cannot open the local file '${path}': there is no file system here (use a hub id, a URL or ModelFiles)`);
}

export async function hfHubDownload(repoId: string, filename: string, _options?: HubOptions): Promise<HubDownloadResult> {
  throw new InvalidHubArgumentError(`hfHubDownload('${repoId}', '${filename}') needs a file system for huggingface_hub's cache; use resolveModelFile here`);
}

export function directoryFiles(directory: string): never {
  throw new InvalidHubArgumentError(`cannot read the directory '${directory}': there is no file system here`);
}
