import type { ByteSource } from '@altclip/hub';
import type { Tensor } from '../../tensor/Tensor.js';
import { parseSafetensorsIndex, type SafetensorsIndex } from '../safetensors/ShardedSafetensors.js';
import { type ReadShardsOptions, readShards } from '../readShards.js';
import { readTorchCheckpoint } from './readTorchCheckpoint.js';
import { TorchCheckpointError } from './TorchCheckpointError.js';

export const TORCH_INDEX_FILE = 'pytorch_model.bin.index.json';

/** `pytorch_model.bin.index.json`: the same `weight_map` layout transformers writes for safetensors shards. */
export function parseTorchIndex(json: string | Uint8Array): SafetensorsIndex {
  try {
    return parseSafetensorsIndex(json, TORCH_INDEX_FILE);
  } catch (error) {
    throw new TorchCheckpointError((error as Error).message);
  }
}

/**
 * Reads a sharded `pytorch_model.bin` (transformers' `pytorch_model-0000k-of-0000n.bin` files) shard by
 * shard with the restricted unpickler (see readShards). A shard is unpickled whole, so `filter` saves
 * memory afterwards, not reading time.
 */
export function readShardedTorchCheckpoint(
  index: SafetensorsIndex,
  openShard: (filename: string) => Promise<ByteSource>,
  options: ReadShardsOptions = {},
): Promise<Map<string, Tensor>> {
  const readShard = async (source: ByteSource) => {
    try {
      const tensors = await readTorchCheckpoint(source);
      return { keys: () => [...tensors.keys()], get: async (name: string) => tensors.get(name)!, close: async () => {} };
    } finally {
      await source.close?.();
    }
  };
  return readShards(index, TORCH_INDEX_FILE, openShard, readShard, (m) => new TorchCheckpointError(m), options);
}
