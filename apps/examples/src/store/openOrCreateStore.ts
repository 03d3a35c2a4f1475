import { StoreError } from './StoreError.js';
import { assertSameSpace, type StoreMeta } from './StoreMeta.js';
import { VectorStore } from './VectorStore.js';

/** Opens the store at `dir` when it exists (refusing another model, dtype or folder), else creates it. */
export async function openOrCreateStore(dir: string, space: StoreMeta): Promise<VectorStore> {
  if (!VectorStore.exists(dir)) return VectorStore.create(dir, space);
  const store = await VectorStore.open(dir);
  assertSameSpace(store.meta, space, dir);
  if (store.meta.dim !== space.dim) throw new StoreError(`${dir}: holds vectors of ${store.meta.dim} values, this model gives ${space.dim}`);
  if (store.meta.folder !== space.folder) throw new StoreError(`${dir}: indexes ${store.meta.folder}, not ${space.folder}; one store per folder`);
  return store;
}
