import { EntryNotFoundError, InvalidHubArgumentError } from './HubErrors.js';
import type { HubOptions } from './HubOptions.js';
import { validateFilename, validateRepoId } from './hfHubUrl.js';
import { ResolvedModelFile } from './ResolvedModelFile.js';

export type ResolveModelFileOptions = HubOptions;

/**
 * One file of a model, like transformers' `cached_file`: `source` is a local directory (Node) or a hub id.
 * Hub files land in huggingface_hub's cache on Node and come from fetch (plus the Cache API) in browsers.
 * A missing file rejects with EntryNotFoundError (LocalEntryNotFoundError when only the cache could be asked).
 */
export async function resolveModelFile(source: string, filename: string, options: ResolveModelFileOptions = {}): Promise<ResolvedModelFile> {
  validateFilename(filename);
  const platform = await import('#platform');
  if (platform.hasFileSystem) {
    if (await platform.isLocalDirectory(source)) {
      const file = platform.joinLocalPath(source, filename);
      try {
        return new ResolvedModelFile(await platform.openLocalFile(file), file);
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') {
          throw new EntryNotFoundError(`${filename} not found in the directory ${source}`, { status: 0, url: file, cause: error });
        }
        throw error;
      }
    }
    checkHubId(source);
    const { path: file, commitHash } = await platform.hfHubDownload(source, filename, options);
    return new ResolvedModelFile(await platform.openLocalFile(file), file, commitHash);
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
