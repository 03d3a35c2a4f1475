import type { Tensor } from '../tensor/Tensor.js';
import { CheckpointError } from '../weights/CheckpointError.js';

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** HF's `convert_file_size_to_int`: a byte count, or '5GB' / '200KB' (powers of ten) / '1GiB' (powers of two). */
export function parseShardSize(size: number | string): number {
  if (typeof size === 'number') {
    if (Number.isSafeInteger(size) && size > 0) return size;
  } else {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?I?B)\s*$/i.exec(size);
    if (match) {
      const bytes = Number(match[1]) * UNITS[match[2].toUpperCase()];
      if (Number.isFinite(bytes) && bytes >= 1) return Math.floor(bytes);
    }
  }
  throw new CheckpointError(`maxShardSize: expected a positive byte count or a size such as '5GB' or '200KB', got ${JSON.stringify(size)}`);
}

/**
 * huggingface_hub's `split_state_dict_into_shards_factory` (what transformers' save_pretrained calls): tensors in
 * state_dict order fill a shard until the next one would pass `maxShardSize`; a tensor larger than the limit gets a
 * shard of its own, added when it is met. Sizes are the tensors' byte lengths.
 */
export function shardStateDict(entries: readonly (readonly [string, Tensor])[], maxShardSize: number): { shards: Map<string, Tensor>[]; totalSize: number } {
  const shards: Map<string, Tensor>[] = [];
  let current = new Map<string, Tensor>();
  let currentSize = 0;
  let totalSize = 0;
  for (const [name, tensor] of entries) {
    const size = tensor.data.byteLength;
    totalSize += size;
    if (size > maxShardSize) {
      shards.push(new Map([[name, tensor]]));
      continue;
    }
    if (currentSize + size > maxShardSize) {
      shards.push(current);
      current = new Map();
      currentSize = 0;
    }
    current.set(name, tensor);
    currentSize += size;
  }
  if (current.size > 0) shards.push(current);
  return { shards, totalSize };
}
