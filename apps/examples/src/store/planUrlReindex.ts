import type { ReindexPlan } from './planReindex.js';
import type { StoredFile } from './VectorStore.js';

/**
 * Compares a URL list with a store keyed by URL: listed URLs not stored are added, stored URLs no longer
 * listed are removed. A stored URL is not fetched again to see whether it changed — object URLs (S3, GCS,
 * a CDN) are normally immutable per key, and fetching a whole collection to learn nothing changed is what
 * incremental indexing avoids; its row carries the sha256 of the bytes embedded.
 */
export function planUrlReindex(urls: readonly string[], stored: readonly StoredFile[]): ReindexPlan {
  const have = new Set(stored.map((s) => s.path));
  const listed = new Set(urls);
  const added = urls.filter((u) => !have.has(u));
  return { added, changed: [], removed: stored.filter((s) => !listed.has(s.path)).map((s) => s.path), unchanged: urls.length - added.length, total: urls.length };
}
