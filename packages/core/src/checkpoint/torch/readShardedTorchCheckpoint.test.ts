import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '@altclip/hub';
import { loadCheckpoint } from '../../loading/loadCheckpoint.js';
import { memoryFiles } from '@altclip/hub';
import type { Tensor } from '../../tensor/Tensor.js';
import { readSafetensors } from '../safetensors/index.js';
import { parseTorchIndex, readShardedTorchCheckpoint } from './readShardedTorchCheckpoint.js';
import { stateDictPickle } from './test-support/PickleWriter.js';
import { writeStoredZip } from './test-support/writeStoredZip.js';
import { TorchCheckpointError } from './TorchCheckpointError.js';

const fixture = (file: string) => fileURLToPath(new URL(`../../../../../fixtures/altclip-tiny/${file}`, import.meta.url));
const bytesOf = (t: Tensor) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);

/** torch.save(state_dict) of float32 tensors, one storage each (row-major strides). */
function torchSave(tensors: [string, Tensor][]): Uint8Array {
  const specs = tensors.map(([name, t], i) => {
    const stride = t.dims.map((_, d) => t.dims.slice(d + 1).reduce((a, b) => a * b, 1));
    return { name, storageKey: String(i), numel: t.size, size: t.dims, stride };
  });
  return writeStoredZip([
    { name: 'archive/data.pkl', data: stateDictPickle(specs, { ordered: true }) },
    ...tensors.map(([, t], i) => ({ name: `archive/data/${i}`, data: bytesOf(t) })),
    { name: 'archive/version', data: new TextEncoder().encode('3\n') },
  ]);
}

describe('sharded pytorch_model.bin', async () => {
  const reference = await readSafetensors(new Uint8Array(readFileSync(fixture('model.safetensors'))));
  const entries = [...reference].sort(([a], [b]) => (a < b ? -1 : 1));
  const half = Math.ceil(entries.length / 2);
  const shards = { 'pytorch_model-00001-of-00002.bin': entries.slice(0, half), 'pytorch_model-00002-of-00002.bin': entries.slice(half) };
  const files: Record<string, Uint8Array> = Object.fromEntries(Object.entries(shards).map(([f, ts]) => [f, torchSave(ts)]));
  const weightMap = Object.fromEntries(Object.entries(shards).flatMap(([f, ts]) => ts.map(([name]) => [name, f])));
  const index = JSON.stringify({ metadata: { total_size: 0 }, weight_map: weightMap });

  it('loads through loadCheckpoint to the same bytes as model.safetensors, after a missing single file', async () => {
    const progress: string[] = [];
    const loaded = await loadCheckpoint(memoryFiles({ ...files, 'pytorch_model.bin.index.json': index }), { onProgress: (p) => progress.push(p.file) });
    expect(loaded.file).toBe('pytorch_model.bin.index.json');
    expect([...loaded.tensors.keys()].sort()).toEqual(entries.map(([n]) => n));
    for (const [name, t] of reference) expect(Buffer.from(bytesOf(loaded.tensors.get(name)!)).equals(Buffer.from(bytesOf(t))), name).toBe(true);
    expect(progress).toEqual(Object.keys(shards));
  });

  it('keeps only what the filter asks for', async () => {
    const open = async (f: string) => new MemoryByteSource(files[f], f);
    const text = await readShardedTorchCheckpoint(parseTorchIndex(index), open, { filter: (n) => n.startsWith('text_model.') });
    expect([...text.keys()].every((n) => n.startsWith('text_model.'))).toBe(true);
    expect(text.size).toBe(entries.filter(([n]) => n.startsWith('text_model.')).length);
  });

  it('refuses an index that disagrees with its shards, a missing shard and a path in the index', async () => {
    const open = async (f: string) => new MemoryByteSource(files[f], f);
    const [first] = entries[0];
    const moved = JSON.stringify({ weight_map: { ...weightMap, [first]: 'pytorch_model-00002-of-00002.bin' } });
    await expect(readShardedTorchCheckpoint(parseTorchIndex(moved), open)).rejects.toThrow(TorchCheckpointError);
    await expect(readShardedTorchCheckpoint(parseTorchIndex(moved), open)).rejects.toThrow(/is not assigned to this shard|has no such tensor/);
    await expect(loadCheckpoint(memoryFiles({ 'pytorch_model.bin.index.json': index, 'pytorch_model-00001-of-00002.bin': files['pytorch_model-00001-of-00002.bin'] }))).rejects.toThrow(
      /pytorch_model.bin.index.json lists shard 'pytorch_model-00002-of-00002.bin' but it does not exist/,
    );
    expect(() => parseTorchIndex(JSON.stringify({ weight_map: { [first]: '../escape.bin' } }))).toThrow(/pytorch_model.bin.index.json: weight_map\['.*'\] must be a shard file name/);
    expect(() => parseTorchIndex('{not json')).toThrow(TorchCheckpointError);
  });
});
