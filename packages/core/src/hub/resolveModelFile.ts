import { validateFilename, validateRepoId } from './hfHubUrl.js';
import { EntryNotFoundError, InvalidHubArgumentError } from './HubErrors.js';
import type { HubOptions } from './HubOptions.js';
import { ResolvedModelFile } from './ResolvedModelFile.js';

export type ResolveModelFileOptions = HubOptions;

function isNode(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
}

async function isDirectory(path: string): Promise<boolean> {
  const fs = await import('node:fs/promises');
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * One file of a model, like transformers' `cached_file`: `source` is a local directory (Node) or a hub id.
 * Hub files land in huggingface_hub's cache on Node and come from fetch (plus the Cache API) in browsers.
 * A missing file rejects with EntryNotFoundError (LocalEntryNotFoundError when only the cache could be asked).
 */
export async function resolveModelFile(source: string, filename: string, options: ResolveModelFileOptions = {}): Promise<ResolvedModelFile> {
  validateFilename(filename);
  if (isNode()) {
    const path = await import('node:path');
    const { FileByteSource } = await import('../io/node/FileByteSource.js');
    if (await isDirectory(source)) {
      const file = path.join(source, ...filename.split('/'));
      try {
        return new ResolvedModelFile(await FileByteSource.open(file), file);
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') {
          throw new EntryNotFoundError(`${filename} not found in the directory ${source}`, { status: 0, url: file, cause: error });
        }
        throw error;
      }
    }
    checkHubId(source);
    const { hfHubDownload } = await import('./node/hfHubDownload.js');
    const { path: file, commitHash } = await hfHubDownload(source, filename, options);
    return new ResolvedModelFile(await FileByteSource.open(file), file, commitHash);
  }
  checkHubId(source);
  const { fetchHubFile } = await import('./fetchHubFile.js');
  return fetchHubFile(source, filename, options);
}

function checkHubId(source: string): void {
  try {
    validateRepoId(source);
  } catch (error) {
    throw new InvalidHubArgumentError(`'${source}' is neither a local directory nor a valid hub id (e.g. 'BAAI/AltCLIP')`, { cause: error });
  }
}

/**
 * Whether `filename` exists, to choose between model.safetensors, its index and pytorch_model.bin.
 * Hub files are resolved (and so cached) in the process; only a not-found answer becomes `false`.
 */
export async function modelFileExists(source: string, filename: string, options: ResolveModelFileOptions = {}): Promise<boolean> {
  try {
    const file = await resolveModelFile(source, filename, options);
    await file.close();
    return true;
  } catch (error) {
    if (error instanceof EntryNotFoundError) return false;
    throw error;
  }
}
