import type { NodeBuiltins } from './nodeBuiltins.js';

/** The `browser` variant of `#nodeBuiltins`: no file system, so callers fall back to fetch or a typed error. */
export async function importNodeBuiltins(): Promise<NodeBuiltins | undefined> {
  return undefined;
}
