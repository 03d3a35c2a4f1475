import type { ByteSource } from '@altclip/hub';
import type { Tensor } from '../../tensor/Tensor.js';
import { SafetensorsError } from './SafetensorsError.js';
import { SafetensorsFile } from './SafetensorsFile.js';
import { type ReadShardsOptions, readShards } from '../readShards.js';

/** The `weight_map` of a `model.safetensors.index.json`. */
export interface SafetensorsIndex {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly weightMap: ReadonlyMap<string, string>;
}

export function parseSafetensorsIndex(json: string | Uint8Array, file = 'model.safetensors.index.json'): SafetensorsIndex {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof json === 'string' ? json : new TextDecoder().decode(json));
  } catch (error) {
    throw new SafetensorsError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const weightMap = (parsed as { weight_map?: unknown } | null)?.weight_map;
  if (typeof weightMap !== 'object' || weightMap === null || Array.isArray(weightMap)) {
    throw new SafetensorsError(`${file}: weight_map must be an object mapping tensor names to shard file names`);
  }
  const map = new Map<string, string>();
  for (const [name, shard] of Object.entries(weightMap)) {
    // Shards live next to the index; refuse paths that would escape the model directory.
    if (typeof shard !== 'string' || shard === '' || shard.includes('/') || shard.includes('\\') || shard.startsWith('.')) {
      throw new SafetensorsError(`${file}: weight_map['${name}'] must be a shard file name, got ${JSON.stringify(shard)}`);
    }
    map.set(name, shard);
  }
  const metadata = (parsed as { metadata?: unknown }).metadata;
  return { metadata: typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {}, weightMap: map };
}

/** Reads a sharded safetensors checkpoint shard by shard (see readShards), each shard lazily. */
export function readShardedSafetensors(
  index: SafetensorsIndex,
  openShard: (filename: string) => Promise<ByteSource>,
  options: ReadShardsOptions = {},
): Promise<Map<string, Tensor>> {
  return readShards(index, 'model.safetensors.index.json', openShard, (source) => SafetensorsFile.open(source), (m) => new SafetensorsError(m), options);
}
