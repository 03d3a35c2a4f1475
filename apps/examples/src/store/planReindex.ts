import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { listImages } from '../search/listImages.js';
import type { StoredFile } from './VectorStore.js';

export interface ReindexPlan {
  /** Files not in the store yet. */
  added: string[];
  /** Files whose mtime or size differs from the stored row: embedded again. */
  changed: string[];
  /** Stored paths no longer under the folder: removed. */
  removed: string[];
  unchanged: number;
  total: number;
}

/**
 * Compares the folder with the store. A file counts as changed when its mtime or size moved, as make and
 * rsync judge it: hashing every file on every run would read the whole collection again just to find out
 * nothing changed. The sha256 recorded per row is what a written vector is keyed to (see the queue).
 */
export function planReindex(folder: string, stored: readonly StoredFile[]): ReindexPlan {
  const files = listImages(folder).map((f) => f.split(sep).join('/'));
  const byPath = new Map(stored.map((s) => [s.path, s]));
  const plan: ReindexPlan = { added: [], changed: [], removed: [], unchanged: 0, total: files.length };
  const present = new Set(files);
  for (const path of files) {
    const row = byPath.get(path);
    if (!row) {
      plan.added.push(path);
      continue;
    }
    const info = statSync(join(folder, path));
    if (info.mtimeMs !== row.mtimeMs || info.size !== row.bytes) plan.changed.push(path);
    else plan.unchanged++;
  }
  for (const s of stored) if (!present.has(s.path)) plan.removed.push(s.path);
  return plan;
}
