import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '@altclip/hub';
import { Tensor } from '../../tensor/Tensor.js';
import { SafetensorsError } from './SafetensorsError.js';
import { parseSafetensorsIndex, readShardedSafetensors } from './ShardedSafetensors.js';
import { writeSafetensors } from './writeSafetensors.js';

const t = (v: number) => new Tensor('float32', new Float32Array([v]), [1]);
const shards: Record<string, Uint8Array> = {
  'a.safetensors': writeSafetensors(new Map([['x', t(1)]])),
  'b.safetensors': writeSafetensors(new Map([['y', t(2)], ['z', t(3)]])),
};
const open = async (name: string) => new MemoryByteSource(shards[name], name);

describe('sharded safetensors', () => {
  it('reads every shard the index names', async () => {
    const index = parseSafetensorsIndex(JSON.stringify({ metadata: { total_size: 12 }, weight_map: { x: 'a.safetensors', y: 'b.safetensors', z: 'b.safetensors' } }));
    const seen: string[] = [];
    const tensors = await readShardedSafetensors(index, open, { onShard: (s) => seen.push(s) });
    expect([...tensors.keys()].sort()).toEqual(['x', 'y', 'z']);
    expect(tensors.get('z')!.data[0]).toBe(3);
    expect(seen).toEqual(['a.safetensors', 'b.safetensors']);
  });

  it('refuses indexes that disagree with their shards or escape the directory', async () => {
    const missing = parseSafetensorsIndex(JSON.stringify({ weight_map: { x: 'a.safetensors', w: 'a.safetensors', y: 'b.safetensors', z: 'b.safetensors' } }));
    await expect(readShardedSafetensors(missing, open)).rejects.toThrow(/lists 'w' in this shard/);
    const stray = parseSafetensorsIndex(JSON.stringify({ weight_map: { x: 'a.safetensors', y: 'b.safetensors' } }));
    await expect(readShardedSafetensors(stray, open)).rejects.toThrow(/'z' is not assigned to this shard/);
    expect(() => parseSafetensorsIndex(JSON.stringify({ weight_map: { x: '../secret' } }))).toThrow(SafetensorsError);
    expect(() => parseSafetensorsIndex('{"weight_map": []}')).toThrow(/weight_map must be an object/);
    expect(() => parseSafetensorsIndex('{')).toThrow(/not valid JSON/);
  });
});
