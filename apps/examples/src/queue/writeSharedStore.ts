import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { ImageRecord, VectorStore } from '../store/VectorStore.js';
import { QUEUE_NAME } from './IndexJob.js';

/** Redis key of the store write lock (value: the holder's token; expires by itself if its holder dies). */
export const STORE_LOCK_KEY = `${QUEUE_NAME}:store-lock`;

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Upserts records into a store that other processes write too (workers with `--store`, the coordinator).
 * LanceDB commits each write atomically (optimistic concurrency on the table's manifest), but a merge-insert
 * decides "insert or update" on the version its handle last saw: two processes writing the same path at
 * once, or one writing with a stale handle, each insert it — measured here with @lancedb/lancedb 0.22.3
 * (3 processes × the same 200 paths → 280 rows; a stale handle → the path twice). So writers take turns
 * under a Redis lock (the queue's Redis, which every writer already reaches) and move their handle to the
 * latest version before writing: then a path is written once however many times its batch is delivered.
 * The lock expires after `ttlMs`, so a writer killed while holding it stalls the others only that long.
 */
export async function writeSharedStore(redis: Redis, store: VectorStore, records: readonly ImageRecord[], ttlMs: number): Promise<void> {
  if (records.length === 0) return;
  const token = randomUUID();
  while ((await redis.set(STORE_LOCK_KEY, token, 'PX', ttlMs, 'NX')) !== 'OK') await sleep(20);
  try {
    await store.refresh();
    await store.upsert(records);
  } finally {
    await redis.eval(RELEASE, 1, STORE_LOCK_KEY, token);
  }
}
