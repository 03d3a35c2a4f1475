import { Redis } from 'ioredis';
import { UsageError } from '../cli/CliError.js';

/** An ioredis connection for BullMQ from `redis://host:port[/db]`, refusing other schemes in one line. */
export function redisConnection(url: string): Redis {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--queue: expected redis://host:port, got "${url}"`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new UsageError(`--queue: expected redis://host:port, got "${url}"`);
  // BullMQ's blocking commands need maxRetriesPerRequest: null (it retries them itself).
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}
