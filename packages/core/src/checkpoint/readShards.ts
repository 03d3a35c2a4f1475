import type { ByteSource } from '@altclip/hub';
import type { Tensor } from '../tensor/Tensor.js';
import type { SafetensorsIndex } from './safetensors/ShardedSafetensors.js';

/** One opened shard, whatever its format. */
export interface ShardContents {
  keys(): string[];
  get(name: string): Promise<Tensor>;
  close(): Promise<void>;
}

export interface ReadShardsOptions {
  filter?: (name: string) => boolean;
  onShard?: (filename: string, done: number, total: number) => void;
}

/**
 * Reads a sharded checkpoint (safetensors or torch) shard by shard, checking that each shard holds
 * exactly the tensors the index assigns to it. `fail` builds the format's own error class.
 */
export async function readShards(
  index: SafetensorsIndex,
  indexFile: string,
  openShard: (filename: string) => Promise<ByteSource>,
  readShard: (source: ByteSource) => Promise<ShardContents>,
  fail: (message: string) => Error,
  options: ReadShardsOptions = {},
): Promise<Map<string, Tensor>> {
  const shards = [...new Set(index.weightMap.values())];
  const out = new Map<string, Tensor>();
  for (const [i, shard] of shards.entries()) {
    const contents = await readShard(await openShard(shard));
    try {
      const names = new Set(contents.keys());
      for (const [name, owner] of index.weightMap) {
        if (owner === shard && !names.has(name)) throw fail(`${shard}: ${indexFile} lists '${name}' in this shard but the shard has no such tensor`);
      }
      for (const name of names) {
        if (index.weightMap.get(name) !== shard) throw fail(`${shard}: tensor '${name}' is not assigned to this shard by ${indexFile}`);
        if (options.filter && !options.filter(name)) continue;
        out.set(name, await contents.get(name));
      }
    } finally {
      await contents.close();
    }
    options.onShard?.(shard, i + 1, shards.length);
  }
  return out;
}
