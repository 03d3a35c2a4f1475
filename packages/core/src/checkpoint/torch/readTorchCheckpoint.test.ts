import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryByteSource } from '@altclip/hub';
import { FileByteSource } from '@altclip/hub/node';
import { readSafetensors } from '../safetensors/index.js';
import { readTorchCheckpoint } from './readTorchCheckpoint.js';
import { PickleWriter, stateDictPickle } from './test-support/PickleWriter.js';
import { writeStoredZip } from './test-support/writeStoredZip.js';
import { TorchCheckpointError, UnsafePickleGlobalError, UnsupportedTorchCheckpointError, ZipFormatError } from './TorchCheckpointError.js';

const fixture = (file: string) => fileURLToPath(new URL(`../../../../../fixtures/altclip-tiny/${file}`, import.meta.url));

function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

describe('readTorchCheckpoint on the fixture', () => {
  it('pytorch_model.bin loads to the same tensors as model.safetensors', async () => {
    const source = await FileByteSource.open(fixture('pytorch_model.bin'));
    const torch = await readTorchCheckpoint(source);
    await source.close();
    const safetensors = await readSafetensors(new Uint8Array(readFileSync(fixture('model.safetensors'))));
    expect([...torch.keys()].sort()).toEqual([...safetensors.keys()].sort());
    expect(torch.size).toBe(safetensors.size);
    for (const [name, expected] of safetensors) {
      const actual = torch.get(name)!;
      expect(actual.dtype, name).toBe(expected.dtype);
      expect(actual.dims, name).toEqual(expected.dims);
      expect(Buffer.from(bytesOf(actual.data)).equals(Buffer.from(bytesOf(expected.data))), name).toBe(true);
    }
  });

  it('reads from memory as well as from a file', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('pytorch_model.bin')));
    const fromMemory = await readTorchCheckpoint(new MemoryByteSource(bytes, 'pytorch_model.bin'));
    const logitScale = fromMemory.get('logit_scale')!;
    expect(logitScale.dims).toEqual([]);
    expect(logitScale.data[0]).toBeCloseTo(2.9, 6);
  });
});

function floats(values: readonly number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

function checkpoint(pickle: Uint8Array, storages: Record<string, Uint8Array>, prefix = 'archive'): Uint8Array {
  return writeStoredZip([
    { name: `${prefix}/data.pkl`, data: pickle },
    ...Object.entries(storages).map(([key, data]) => ({ name: `${prefix}/data/${key}`, data })),
    { name: `${prefix}/version`, data: new TextEncoder().encode('3\n') },
  ]);
}

describe('readTorchCheckpoint on crafted archives', () => {
  const six = floats([0, 1, 2, 3, 4, 5]);

  it('reads an OrderedDict state_dict with _metadata, shared storages, offsets and transposed views', async () => {
    const pickle = stateDictPickle(
      [
        { name: 'w', storageKey: '0', numel: 6, size: [2, 3], stride: [3, 1] },
        { name: 'wT', storageKey: '0', numel: 6, size: [3, 2], stride: [1, 3] },
        { name: 'tail', storageKey: '0', numel: 6, offset: 4, size: [2], stride: [1] },
        { name: 'col', storageKey: '0', numel: 6, offset: 1, size: [2], stride: [3] },
      ],
      { ordered: true },
    );
    const tensors = await readTorchCheckpoint(checkpoint(pickle, { '0': six }));
    expect([...tensors.keys()]).toEqual(['w', 'wT', 'tail', 'col']);
    expect([...tensors.get('w')!.data]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tensors.get('wT')!.dims).toEqual([3, 2]);
    expect([...tensors.get('wT')!.data]).toEqual([0, 3, 1, 4, 2, 5]);
    expect([...tensors.get('tail')!.data]).toEqual([4, 5]);
    expect([...tensors.get('col')!.data]).toEqual([1, 4]);
  });

  it('decodes every storage dtype it supports', async () => {
    const longs = new Uint8Array(BigInt64Array.from([-1n, 2n ** 40n]).buffer);
    const halves = new Uint8Array(Uint16Array.from([0x3c00, 0xc000]).buffer);
    const pickle = stateDictPickle([
      { name: 'ids', storageKey: 'a', storageClass: 'LongStorage', numel: 2, size: [2], stride: [1] },
      { name: 'h', storageKey: 'b', storageClass: 'HalfStorage', numel: 2, size: [2], stride: [1] },
      { name: 'bf', storageKey: 'c', storageClass: 'BFloat16Storage', numel: 2, size: [2], stride: [1] },
      { name: 'mask', storageKey: 'd', storageClass: 'BoolStorage', numel: 2, size: [2], stride: [1] },
    ]);
    const tensors = await readTorchCheckpoint(checkpoint(pickle, { a: longs, b: halves, c: halves, d: Uint8Array.from([1, 0]) }));
    expect(tensors.get('ids')!.dtype).toBe('int64');
    expect([...tensors.get('ids')!.data]).toEqual([-1n, 2n ** 40n]);
    expect(tensors.get('h')!.dtype).toBe('float16');
    expect([...tensors.get('h')!.data]).toEqual([0x3c00, 0xc000]);
    expect(tensors.get('bf')!.dtype).toBe('bfloat16');
    expect(tensors.get('mask')!.dtype).toBe('bool');
  });

  it('shares one storage between dtype views (x and x.view(torch.int32))', async () => {
    const pickle = stateDictPickle([
      { name: 'x', storageKey: '0', numel: 2, size: [2], stride: [1] },
      { name: 'bits', storageKey: '0', storageClass: 'IntStorage', numel: 2, size: [2], stride: [1] },
    ]);
    const tensors = await readTorchCheckpoint(checkpoint(pickle, { '0': floats([1, -2]) }));
    expect([...tensors.get('x')!.data]).toEqual([1, -2]);
    expect([...tensors.get('bits')!.data]).toEqual([0x3f800000, 0xc0000000 | 0]);
  });

  it('byte-swaps checkpoints marked big-endian', async () => {
    const pickle = stateDictPickle([{ name: 'x', storageKey: '0', numel: 1, size: [], stride: [] }]);
    const bigEndianOne = Uint8Array.from([0x3f, 0x80, 0, 0]);
    const zip = writeStoredZip([
      { name: 'archive/data.pkl', data: pickle },
      { name: 'archive/byteorder', data: new TextEncoder().encode('big') },
      { name: 'archive/data/0', data: bigEndianOne },
    ]);
    expect([...(await readTorchCheckpoint(zip)).get('x')!.data]).toEqual([1]);
  });

  it('refuses a global outside the allowlist by name, without running anything', async () => {
    const pickle = new PickleWriter().proto(2).global('posix', 'system').mark().str('echo pwned').tuple().reduce().stop().bytes();
    const error = await readTorchCheckpoint(checkpoint(pickle, {})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafePickleGlobalError);
    expect((error as UnsafePickleGlobalError).global).toBe('posix.system');
    expect(String(error)).toMatch(/posix\.system/);
    const builtins = new PickleWriter().proto(2).global('__builtin__', 'eval').stop().bytes();
    await expect(readTorchCheckpoint(checkpoint(builtins, {}))).rejects.toThrow(/builtins\.eval/);
  });

  it('reports torch-safe but unsupported globals as unsupported', async () => {
    const pickle = new PickleWriter().proto(2).global('torch._utils', '_rebuild_sparse_tensor').stop().bytes();
    await expect(readTorchCheckpoint(checkpoint(pickle, {}))).rejects.toBeInstanceOf(UnsupportedTorchCheckpointError);
  });

  it('refuses storages larger than their entry and views outside their storage', async () => {
    const tooBig = stateDictPickle([{ name: 'x', storageKey: '0', numel: 7, size: [7], stride: [1] }]);
    await expect(readTorchCheckpoint(checkpoint(tooBig, { '0': six }))).rejects.toThrow(/declares 7 × 4 bytes but its entry holds 24/);
    const outside = stateDictPickle([{ name: 'x', storageKey: '0', numel: 6, offset: 5, size: [2], stride: [1] }]);
    await expect(readTorchCheckpoint(checkpoint(outside, { '0': six }))).rejects.toBeInstanceOf(TorchCheckpointError);
    const expanded = stateDictPickle([{ name: 'x', storageKey: '0', numel: 6, size: [1000000], stride: [0] }]);
    await expect(readTorchCheckpoint(checkpoint(expanded, { '0': six }))).rejects.toThrow(/1000000 elements but its storage/);
    const missing = stateDictPickle([{ name: 'x', storageKey: '9', numel: 1, size: [1], stride: [1] }]);
    await expect(readTorchCheckpoint(checkpoint(missing, { '0': six }))).rejects.toBeInstanceOf(ZipFormatError);
  });

  it('refuses non-checkpoints and non-dict pickles with typed errors', async () => {
    await expect(readTorchCheckpoint(new TextEncoder().encode('hello world'))).rejects.toBeInstanceOf(TorchCheckpointError);
    const list = new PickleWriter().proto(2).op(0x5d).stop().bytes();
    await expect(readTorchCheckpoint(checkpoint(list, {}))).rejects.toThrow(/not a dict of tensors/);
  });

  it('reads the legacy (pre-1.6) stream format', async () => {
    const magic = new PickleWriter().proto(2).op(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).stop().bytes();
    const protocol = new PickleWriter().proto(2).int(1001).stop().bytes();
    const sysInfo = new PickleWriter().proto(2).emptyDict().str('little_endian').op(0x88).setitem().stop().bytes();
    // Legacy persistent ids carry a sixth element (view metadata, None here).
    const w = new PickleWriter().proto(2).emptyDict().str('wT').global('torch._utils', '_rebuild_tensor_v2').mark();
    w.mark().str('storage').global('torch', 'FloatStorage').str('94').str('cpu').int(6).none().tuple().binpersid();
    w.int(0).ints([3, 2]).ints([1, 3]).newfalse().global('collections', 'OrderedDict').emptyTuple().reduce().tuple().reduce().setitem().stop();
    const keys = new PickleWriter().proto(2).op(0x5d).str('94').op(0x61).stop().bytes();
    const count = new Uint8Array(BigInt64Array.from([6n]).buffer);
    const file = concat([magic, protocol, sysInfo, w.bytes(), keys, count, six]);
    const tensors = await readTorchCheckpoint(file);
    expect([...tensors.get('wT')!.data]).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('reads a legacy stream written by CPython\'s own pickler', async () => {
    // Made by CPython 3.11 pickle (protocol 2) replaying torch's _legacy_save with stand-in torch classes:
    // OrderedDict state_dict with _metadata, FloatStorage '140' = [0..5] viewed as w (2×3) and wT (3×2 transposed),
    // LongStorage '7' = [-5, 2**40] as ids.
    const file = Buffer.from(
    'gAKKCmz8nEb5IGqoUBkugAJN6QMugAJ9cQAoWBAAAABwcm90b2NvbF92ZXJzaW9ucQFN6QNYDQAAAGxpdHRsZV9lbmRpYW5xAohY' +
    'CgAAAHR5cGVfc2l6ZXNxA31xBChYBQAAAHNob3J0cQVLAlgDAAAAaW50cQZLBFgEAAAAbG9uZ3EHSwR1dS6AAmNjb2xsZWN0aW9u' +
    'cwpPcmRlcmVkRGljdApxAClScQEoWAEAAAB3cQJjdG9yY2guX3V0aWxzCl9yZWJ1aWxkX3RlbnNvcl92MgpxAygoWAcAAABzdG9y' +
    'YWdlcQRjdG9yY2gKRmxvYXRTdG9yYWdlCnEFWAMAAAAxNDBxBlgDAAAAY3B1cQdLBk50cQhRSwBLAksDhnEJSwNLAYZxColoAClS' +
    'cQt0cQxScQ1YAgAAAHdUcQ5oAygoaARoBWgGaAdLBk50cQ9RSwBLA0sChnEQSwFLA4ZxEYloAClScRJ0cRNScRRYAwAAAGlkc3EV' +
    'aAMoKGgEY3RvcmNoCkxvbmdTdG9yYWdlCnEWWAEAAAA3cRdoB0sCTnRxGFFLAEsChXEZSwGFcRqJaAApUnEbdHEcUnEddX1xHlgJ' +
    'AAAAX21ldGFkYXRhcR9oAClScSBYAAAAAHEhfXEiWAcAAAB2ZXJzaW9ucSNLAXNzc2IugAJdcQAoWAMAAAAxNDBxAVgBAAAAN3EC' +
    'ZS4GAAAAAAAAAAAAAAAAAIA/AAAAQAAAQEAAAIBAAACgQAIAAAAAAAAA+/////////8AAAAAAAEAAA==',
      'base64',
    );
    const tensors = await readTorchCheckpoint(new Uint8Array(file));
    expect([...tensors.keys()]).toEqual(['w', 'wT', 'ids']);
    expect([...tensors.get('w')!.data]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...tensors.get('wT')!.data]).toEqual([0, 3, 1, 4, 2, 5]);
    expect([...tensors.get('ids')!.data]).toEqual([-5n, 2n ** 40n]);
  });

  it('reads a protocol-4 pickle inside a zip written by CPython\'s zipfile (unaligned entries, local sizes)', async () => {
    // CPython 3.11: pickle protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL) of an OrderedDict state_dict with a
    // _rebuild_parameter-wrapped float view (offset 2, 2×2) of storage '0' = [10..15] and a HalfStorage '1',
    // stored by zipfile.ZipFile(ZIP_STORED) under 'my_model/'.
    const file = Buffer.from(
      'UEsDBBQAAAAAAEkie115MoxaGAEAABgBAAARAAAAbXlfbW9kZWwvZGF0YS5wa2yABJUNAQAAAAAAAIwLY29sbGVjdGlvbnOUjAtP' +
      'cmRlcmVkRGljdJSTlClSlCiMAXCUjAx0b3JjaC5fdXRpbHOUjBJfcmVidWlsZF9wYXJhbWV0ZXKUk5RoBYwSX3JlYnVpbGRfdGVu' +
      'c29yX3YylJOUKCiMB3N0b3JhZ2WUjAV0b3JjaJSMDEZsb2F0U3RvcmFnZZSTlIwBMJSMA2NwdZRLBnSUUUsCSwJLAoaUSwJLAYaU' +
      'iWgCKVKUdJRSlIhoAilSlIeUUpSMAWiUaAkoKGgKaAuMC0hhbGZTdG9yYWdllJOUjAExlGgPSwN0lFFLAEsDhZRLAYWUiWgCKVKU' +
      'dJRSlHV9lIwJX21ldGFkYXRhlGgCKVKUc2IuUEsDBBQAAAAAAEkie12FPeMZBgAAAAYAAAASAAAAbXlfbW9kZWwvYnl0ZW9yZGVy' +
      'bGl0dGxlUEsDBBQAAAAAAEkie12ThLz7GAAAABgAAAAPAAAAbXlfbW9kZWwvZGF0YS8wAAAgQQAAMEEAAEBBAABQQQAAYEEAAHBB' +
      'UEsDBBQAAAAAAEkie11YWVs9BgAAAAYAAAAPAAAAbXlfbW9kZWwvZGF0YS8xADwAQABCUEsDBBQAAAAAAEkie13RnmdVAgAAAAIA' +
      'AAAQAAAAbXlfbW9kZWwvdmVyc2lvbjMKUEsBAhQDFAAAAAAASSJ7XXkyjFoYAQAAGAEAABEAAAAAAAAAAAAAAIABAAAAAG15X21v' +
      'ZGVsL2RhdGEucGtsUEsBAhQDFAAAAAAASSJ7XYU94xkGAAAABgAAABIAAAAAAAAAAAAAAIABRwEAAG15X21vZGVsL2J5dGVvcmRl' +
      'clBLAQIUAxQAAAAAAEkie12ThLz7GAAAABgAAAAPAAAAAAAAAAAAAACAAX0BAABteV9tb2RlbC9kYXRhLzBQSwECFAMUAAAAAABJ' +
      'IntdWFlbPQYAAAAGAAAADwAAAAAAAAAAAAAAgAHCAQAAbXlfbW9kZWwvZGF0YS8xUEsBAhQDFAAAAAAASSJ7XdGeZ1UCAAAAAgAA' +
      'ABAAAAAAAAAAAAAAAIAB9QEAAG15X21vZGVsL3ZlcnNpb25QSwUGAAAAAAUABQA3AQAAJQIAAAAA',
      'base64',
    );
    const tensors = await readTorchCheckpoint(new Uint8Array(file));
    expect([...tensors.keys()]).toEqual(['p', 'h']);
    expect(tensors.get('p')!.dims).toEqual([2, 2]);
    expect([...tensors.get('p')!.data]).toEqual([12, 13, 14, 15]);
    expect(tensors.get('h')!.dtype).toBe('float16');
    expect([...tensors.get('h')!.data]).toEqual([0x3c00, 0x4000, 0x4200]);
  });
});

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
