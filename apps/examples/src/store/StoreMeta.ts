import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from './StoreError.js';

export const STORE_FORMAT = 'altclip-store/1';
export const META_FILE = 'altclip-store.json';

/**
 * What every vector in a store was made with. One store, one embedding space: the model, its weight dtype and
 * the image size the processor resized to are the same for all rows, so they live here once rather than in
 * every row; `index`, `worker` and `search` refuse to mix another model or dtype in.
 */
export interface StoreMeta {
  format: typeof STORE_FORMAT;
  /** The model folder or hub id as given to `index` (search loads it from there). */
  model: string;
  /** Hub id, or the folder's name, plus a hash of its config.json: what workers on other machines compare. */
  modelId: string;
  dtype: string;
  dim: number;
  /** The processor's output side (crop size), i.e. the image size the vision tower saw. */
  imageSize: number;
  /** Image folder; stored paths are relative to it. */
  folder: string;
}

export async function readStoreMeta(dir: string): Promise<StoreMeta> {
  const file = join(dir, META_FILE);
  if (!existsSync(file)) throw new StoreError(`${dir}: no such vector store (no ${META_FILE}; build one with \`altclip index\`)`);
  let meta: StoreMeta;
  try {
    meta = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new StoreError(`${file}: not JSON`);
  }
  if (meta.format !== STORE_FORMAT) throw new StoreError(`${file}: format ${JSON.stringify(meta.format)}, expected "${STORE_FORMAT}"`);
  return meta;
}

export async function writeStoreMeta(dir: string, meta: StoreMeta): Promise<void> {
  await writeFile(join(dir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
}

/** Refuses vectors from another embedding space, naming both sides. */
export function assertSameSpace(meta: Pick<StoreMeta, 'modelId' | 'dtype'>, mine: Pick<StoreMeta, 'modelId' | 'dtype'>, where: string): void {
  if (meta.modelId !== mine.modelId) throw new StoreError(`${where}: the index was built with model ${meta.modelId}, not ${mine.modelId}`);
  if (meta.dtype !== mine.dtype) throw new StoreError(`${where}: the index was built with --dtype ${meta.dtype}, not ${mine.dtype}`);
}
