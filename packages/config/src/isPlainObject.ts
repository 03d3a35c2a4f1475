import type { ConfigDict } from './ConfigSchema.js';

/** A JSON object (not null, not an array): the only shape a config or nested config can have. */
export function isPlainObject(v: unknown): v is ConfigDict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
