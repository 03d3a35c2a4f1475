import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '@altclip/hub';
import { FileByteSource } from '@altclip/hub/node';
import { Tensor } from '../../tensor/Tensor.js';
import { SafetensorsError } from './SafetensorsError.js';
import { SafetensorsFile, readSafetensors } from './SafetensorsFile.js';
import { writeSafetensors } from './writeSafetensors.js';

const fixture = new URL('../../../../../fixtures/altclip-tiny/', import.meta.url);

function encode(header: object, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + data.byteLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  out.set(data, 8 + json.byteLength);
  return out;
}

describe('SafetensorsFile', () => {
  it('reads the fixture checkpoint with its metadata and HF names', async () => {
    const source = await FileByteSource.open(new URL('model.safetensors', fixture).pathname);
    const file = await SafetensorsFile.open(source);
    expect(file.metadata).toEqual({ format: 'pt' });
    const scale = await file.get('logit_scale');
    expect(scale.dtype).toBe('float32');
    expect(scale.dims).toEqual([]);
    expect(scale.data[0]).toBeCloseTo(2.9, 6);
    const word = file.entry('text_model.roberta.embeddings.word_embeddings.weight');
    expect(word.shape).toEqual([3002, 32]);
    await file.close();
  });

  it('gives the same tensors from a file source and a memory source', async () => {
    const path = new URL('model.safetensors', fixture).pathname;
    const fromMemory = await readSafetensors(await readFile(path));
    const source = await FileByteSource.open(path);
    const fromFile = await (await SafetensorsFile.open(source)).readAll();
    await source.close();
    expect([...fromFile.keys()].sort()).toEqual([...fromMemory.keys()].sort());
    for (const [name, t] of fromFile) {
      expect(fromMemory.get(name)?.dims).toEqual(t.dims);
      expect(fromMemory.get(name)?.data).toEqual(t.data);
    }
  });

  it('round-trips every dtype through the writer', async () => {
    const tensors = new Map<string, Tensor>([
      ['f64', new Tensor('float64', new Float64Array([1.5, -2]), [2])],
      ['f32', new Tensor('float32', new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3])],
      ['f16', new Tensor('float16', new Uint16Array([0x3c00]), [1])],
      ['bf16', new Tensor('bfloat16', new Uint16Array([0x3f80, 0]), [2, 1])],
      ['i64', new Tensor('int64', new BigInt64Array([-(2n ** 62n), 7n]), [2])],
      ['i32', new Tensor('int32', new Int32Array([-1]), [])],
      ['i16', new Tensor('int16', new Int16Array([3, -3]), [2])],
      ['i8', new Tensor('int8', new Int8Array([-128]), [1])],
      ['u8', new Tensor('uint8', new Uint8Array([255, 0, 1]), [3])],
      ['bool', new Tensor('bool', new Uint8Array([1, 0]), [2])],
      ['empty', new Tensor('float32', new Float32Array(0), [0, 4])],
    ]);
    const bytes = writeSafetensors(tensors, { format: 'pt' });
    expect(new DataView(bytes.buffer).getBigUint64(0, true) % 8n).toBe(0n);
    const file = await SafetensorsFile.open(new MemoryByteSource(bytes));
    expect(file.metadata).toEqual({ format: 'pt' });
    const back = await file.readAll();
    for (const [name, t] of tensors) {
      const b = back.get(name)!;
      expect(b.dtype).toBe(t.dtype);
      expect(b.dims).toEqual(t.dims);
      expect(b.data).toEqual(t.data);
      // Ordered by element size, so every tensor is aligned and viewed without a copy.
      expect(file.entry(name).begin % (t.data.BYTES_PER_ELEMENT ?? 1)).toBe(0);
    }
  });

  it('rejects malformed headers with typed errors naming the problem', async () => {
    const f32 = new Uint8Array(8);
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(4), /too short/],
      [encode({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }).subarray(0, 20), /header length/],
      [encode({ a: { dtype: 'X9', shape: [2], data_offsets: [0, 8] } }, f32), /unknown dtype/],
      [encode({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32), /needs 12 bytes/],
      [encode({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 16] } }, f32), /outside/],
      [encode({ a: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }, f32), /non-negative/],
      [
        encode({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, f32),
        /overlaps/,
      ],
      [encode({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, f32), /gap/],
      [encode({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, f32), /cover 4 data bytes/],
      [encode({ __metadata__: { a: 1 } }), /__metadata__\.a/],
      [encode([] as unknown as object), /JSON object/],
    ];
    for (const [bytes, message] of cases) {
      const error = await SafetensorsFile.open(new MemoryByteSource(bytes, 'bad.safetensors')).catch((e) => e);
      expect(error).toBeInstanceOf(SafetensorsError);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/bad\.safetensors/);
    }
  });
});

describe('readSafetensors on a Node Buffer', () => {
  it('reads int64 tensors from a pooled Buffer whose byteOffset is not a multiple of 8', async () => {
    const { Tensor } = await import('../../tensor/Tensor.js');
    const { writeSafetensors } = await import('./writeSafetensors.js');
    const { readSafetensors } = await import('./SafetensorsFile.js');
    const bytes = writeSafetensors({ ids: new Tensor('int64', new BigInt64Array([1n, -2n, 3n]), [3]) });
    // Buffer.from(array) copies into Node's shared pool at an arbitrary offset.
    const pooled = Buffer.concat([Buffer.alloc(3), Buffer.from(bytes)]).subarray(3);
    expect(pooled.byteOffset % 8).not.toBe(0);
    const ids = (await readSafetensors(pooled)).get('ids')!;
    expect(Array.from(ids.data as BigInt64Array)).toEqual([1n, -2n, 3n]);
  });
});
