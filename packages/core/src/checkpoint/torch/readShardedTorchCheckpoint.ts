import type { ByteSource } from '../../io/ByteSource.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { parseSafetensorsIndex, type SafetensorsIndex } from '../safetensors/ShardedSafetensors.js';
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
 * shard with the restricted unpickler, checking that each shard holds exactly the tensors the index
 * assigns to it. A shard is unpickled whole, so `filter` saves memory afterwards, not reading time.
 */
export async function readShardedTorchCheckpoint(
  index: SafetensorsIndex,
  openShard: (filename: string) => Promise<ByteSource>,
  options: { filter?: (name: string) => boolean; onShard?: (filename: string, done: number, total: number) => void } = {},
): Promise<Map<string, Tensor>> {
  const shards = [...new Set(index.weightMap.values())];
  const out = new Map<string, Tensor>();
  for (const [i, shard] of shards.entries()) {
    const source = await openShard(shard);
    let tensors: Map<string, Tensor>;
    try {
      tensors = await readTorchCheckpoint(source);
    } finally {
      await source.close?.();
    }
    for (const [name, owner] of index.weightMap) {
      if (owner === shard && !tensors.has(name)) throw new TorchCheckpointError(`${shard}: ${TORCH_INDEX_FILE} lists '${name}' in this shard but the shard has no such tensor`);
    }
    for (const [name, tensor] of tensors) {
      if (index.weightMap.get(name) !== shard) throw new TorchCheckpointError(`${shard}: tensor '${name}' is not assigned to this shard by ${TORCH_INDEX_FILE}`);
      if (!options.filter || options.filter(name)) out.set(name, tensor);
    }
    options.onShard?.(shard, i + 1, shards.length);
  }
  return out;
}
