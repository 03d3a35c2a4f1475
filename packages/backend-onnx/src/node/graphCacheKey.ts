import { createHash } from 'node:crypto';
import type { GraphRequest } from '../backend/GraphSessionFactory.js';

/** Bump when the graph layout changes so that stale cached graphs are never reused. */
// 3: dtype q4 stores the text tables in 4-bit blocks (was int8 rows).
export const GRAPH_FORMAT_VERSION = 3;

/**
 * sha256 of the graph format, tower, config fields, build options and every weight
 * (name, dtype, shape, bytes). `weightsKey` replaces hashing the weights when the
 * caller already knows an identity for them (e.g. a checkpoint's own sha256).
 */
export function graphCacheKey(request: GraphRequest, weightsKey?: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: GRAPH_FORMAT_VERSION, tower: request.tower, description: request.description }));
  if (weightsKey !== undefined) hash.update(`weights:${weightsKey}`);
  else for (const part of request.hashParts()) hash.update(part);
  return hash.digest('hex');
}
