import { describe, expect, it } from 'vitest';
import { type ByteSource, ByteRangeError, checkByteRange } from '@altclip/hub';
import { Tensor } from '../../tensor/Tensor.js';
import { SafetensorsError } from './SafetensorsError.js';
import { SafetensorsFile } from './SafetensorsFile.js';
import { writeSafetensors } from './writeSafetensors.js';

/** A memory source that records the largest read, to prove nothing bigger than the file is requested. */
class RecordingSource implements ByteSource {
  largestRead = 0;
  readonly name = 'fuzz.safetensors';
  constructor(readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.byteLength;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    checkByteRange(this.name, this.size, offset, length);
    this.largestRead = Math.max(this.largestRead, length);
    return this.bytes.subarray(offset, offset + length);
  }
}

// Deterministic PRNG so that a failure is reproducible from its iteration number.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['0', '1', '8', '-1', '1e300', '18446744073709551615', '"F32"', '"BF16"', '"BOOL"', 'null', '[]', '{}', '[0,8]', '"dtype"', '"shape"', '"data_offsets"', '"__metadata__"', ',', ':', '"\\ud800"'];

function mutate(seedBytes: Uint8Array, random: () => number): Uint8Array {
  const text = new TextDecoder().decode(seedBytes.subarray(8, 8 + Number(new DataView(seedBytes.buffer).getBigUint64(0, true))));
  const data = seedBytes.subarray(8 + text.length);
  let header = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * header.length);
    const kind = random();
    if (kind < 0.4) header = header.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)] + header.slice(at + 1 + Math.floor(random() * 4));
    else if (kind < 0.6) header = header.slice(0, at) + header.slice(at + 1 + Math.floor(random() * 8));
    else if (kind < 0.8) header = header.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 95)) + header.slice(at + 1);
    else header = header.replace(/\d+/, String(Math.floor(random() * 2 ** (random() * 60))));
  }
  const json = new TextEncoder().encode(header);
  const cut = random() < 0.1 ? Math.floor(random() * data.byteLength) : data.byteLength;
  const out = new Uint8Array(8 + json.byteLength + cut);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.byteLength), true);
  // Sometimes lie about the header length itself.
  if (random() < 0.1) view.setBigUint64(0, BigInt(Math.floor(random() * 2 ** 53)) * BigInt(1 + Math.floor(random() * 4096)), true);
  out.set(json, 8);
  out.set(data.subarray(0, cut), 8 + json.byteLength);
  return out;
}

describe('safetensors header fuzz', () => {
  it('sees only typed errors and never reads more than the file for 10,000 mutated headers', async () => {
    const seed = writeSafetensors(
      new Map([
        ['a.weight', new Tensor('float32', new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3])],
        ['b', new Tensor('int64', new BigInt64Array([1n, 2n]), [2])],
        ['c', new Tensor('float16', new Uint16Array([1, 2, 3]), [3])],
      ]),
      { format: 'pt' },
    );
    const random = mulberry32(1234);
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      const source = new RecordingSource(mutate(seed, random));
      try {
        const file = await SafetensorsFile.open(source);
        await file.readAll();
        accepted++;
      } catch (error) {
        if (!(error instanceof SafetensorsError) && !(error instanceof ByteRangeError)) {
          throw new Error(`iteration ${i}: untyped ${(error as Error)?.name}: ${(error as Error)?.message}`);
        }
      }
      expect(source.largestRead).toBeLessThanOrEqual(source.size);
    }
    // Some mutations (whitespace, metadata edits) keep the file valid; most must be refused.
    expect(accepted).toBeLessThan(10_000);
  });
});
