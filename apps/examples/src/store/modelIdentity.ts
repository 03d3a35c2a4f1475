import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * The name workers compare with the index's: a folder's name alone would let two different checkpoints that
 * happen to share a folder name write into one index, so a hash of its config.json is appended. The weights
 * are not hashed (a full-size checkpoint is 1.7 GB; hashing it would delay every worker's start by seconds).
 */
export function modelIdentity(source: string): string {
  const config = join(source, 'config.json');
  if (!existsSync(config)) return source;
  const hash = createHash('sha256').update(readFileSync(config)).digest('hex').slice(0, 12);
  return `${basename(source)}@${hash}`;
}
