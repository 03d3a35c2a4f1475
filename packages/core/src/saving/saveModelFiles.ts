import { writeSafetensors } from '../checkpoint/safetensors/writeSafetensors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { toFloat32 } from '../tensor/toFloat32.js';
import { CheckpointError } from '../weights/CheckpointError.js';
import { parseShardSize, shardStateDict } from './shardStateDict.js';

export const SAFE_WEIGHTS_INDEX_NAME = 'model.safetensors.index.json';

export interface SaveModelOptions {
  /** Largest shard in bytes, or a size such as '5GB' (HF's default) / '200KB'; above it the weights are sharded with HF's index. */
  readonly maxShardSize?: number | string;
}

/**
 * Writes `config.json` and the weights as HF's `save_pretrained(safe_serialization=True)` lays them out:
 * `model.safetensors` (metadata `{"format": "pt"}`), or `model-0000i-of-0000n.safetensors` plus
 * `model.safetensors.index.json` when they exceed `maxShardSize`. Floating-point weights are written as float32.
 * Node only. Answers the paths written.
 */
export async function saveModelFiles(
  dir: string,
  configJson: string,
  stateDict: readonly (readonly [string, Tensor])[],
  options: SaveModelOptions = {},
): Promise<string[]> {
  if (typeof process === 'undefined' || !process.versions?.node) throw new CheckpointError(`${dir}: savePretrained needs a file system (Node)`);
  const fsName = 'node:fs/promises';
  const pathName = 'node:path';
  const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
  const path = (await import(/* @vite-ignore */ pathName)) as typeof import('node:path');
  const maxShardSize = parseShardSize(options.maxShardSize ?? '5GB');
  const entries = stateDict.map(([name, tensor]) => [name, isFloat(tensor) ? toFloat32(tensor) : tensor] as const);
  const { shards, totalSize } = shardStateDict(entries, maxShardSize);
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  const write = async (name: string, content: Uint8Array | string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    written.push(file);
  };
  // Stale weights of an earlier save into the same folder would be picked up by a loader: HF removes them too.
  for (const name of await fs.readdir(dir)) {
    if (/^model(-\d{5}-of-\d{5})?\.safetensors$/.test(name) || name === SAFE_WEIGHTS_INDEX_NAME) await fs.rm(path.join(dir, name));
  }
  await write('config.json', configJson);
  const metadata = { format: 'pt' };
  if (shards.length <= 1) {
    await write('model.safetensors', writeSafetensors(shards[0] ?? new Map(), metadata));
    return written;
  }
  const weightMap: Record<string, string> = {};
  for (const [i, shard] of shards.entries()) {
    const name = `model-${String(i + 1).padStart(5, '0')}-of-${String(shards.length).padStart(5, '0')}.safetensors`;
    await write(name, writeSafetensors(shard, metadata));
    for (const key of shard.keys()) weightMap[key] = name;
  }
  // json.dumps(index, indent=2, sort_keys=True) + "\n": ASCII names and integers only, so JSON.stringify matches it.
  const sortedMap = Object.fromEntries(Object.keys(weightMap).sort().map((k) => [k, weightMap[k]]));
  await write(SAFE_WEIGHTS_INDEX_NAME, `${JSON.stringify({ metadata: { total_size: totalSize }, weight_map: sortedMap }, null, 2)}\n`);
  return written;
}

function isFloat(tensor: Tensor): boolean {
  return tensor.dtype === 'float16' || tensor.dtype === 'bfloat16' || tensor.dtype === 'float64' || tensor.dtype === 'float32';
}
