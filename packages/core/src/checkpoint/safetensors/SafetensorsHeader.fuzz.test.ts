import { describe, expect, it } from 'vitest';
import { type ByteSource, ByteRangeError, checkByteRange } from '@altclip/hub';
import { Tensor } from '../../tensor/Tensor.js';
import { SafetensorsError } from './SafetensorsError.js';
import { SafetensorsFile } from './SafetensorsFile.js';
import { fuzzSettings, fuzzTimeout } from '../../test-support/fuzzSettings.js';
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

/** Same names, dtypes, shapes and bytes (bitwise: NaN payloads and -0 included). */
function sameTensors(a: ReadonlyMap<string, Tensor>, b: ReadonlyMap<string, Tensor>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, t] of a) {
    const u = b.get(name);
    if (!u || u.dtype !== t.dtype || u.dims.length !== t.dims.length || u.dims.some((d, i) => d !== t.dims[i])) return false;
    const x = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    const y = new Uint8Array(u.data.buffer, u.data.byteOffset, u.data.byteLength);
    if (x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

describe('safetensors header fuzz', () => {
  it('sees only typed errors, never reads more than the file, and re-writes what it accepts for 10,000 mutated headers', async () => {
    const seed = writeSafetensors(
      new Map([
        ['a.weight', new Tensor('float32', new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3])],
        ['b', new Tensor('int64', new BigInt64Array([1n, 2n]), [2])],
        ['c', new Tensor('float16', new Uint16Array([1, 2, 3]), [3])],
      ]),
      { format: 'pt' },
    );
    const { seed: fuzzSeed, iterations, random } = fuzzSettings('safetensors', 10_000, 1234);
    let accepted = 0;
    const started = performance.now();
    for (let i = 0; i < iterations; i++) {
      const source = new RecordingSource(mutate(seed, random));
      let file: SafetensorsFile;
      let tensors: Map<string, Tensor>;
      try {
        file = await SafetensorsFile.open(source);
        tensors = await file.readAll();
      } catch (error) {
        if (!(error instanceof SafetensorsError) && !(error instanceof ByteRangeError)) {
          throw new Error(`seed ${fuzzSeed}, input ${i}: untyped ${(error as Error)?.name}: ${(error as Error)?.message}`);
        }
        if (source.largestRead > source.size) throw new Error(`seed ${fuzzSeed}, input ${i}: read ${source.largestRead} bytes of ${source.size}`);
        continue;
      }
      if (source.largestRead > source.size) throw new Error(`seed ${fuzzSeed}, input ${i}: read ${source.largestRead} bytes of ${source.size}`);
      // Round trip: what was accepted, written again, reads back as the same tensors and metadata.
      const rewritten = writeSafetensors(tensors, { ...file.metadata });
      const again = await SafetensorsFile.open(new RecordingSource(rewritten));
      if (!sameTensors(await again.readAll(), tensors) || JSON.stringify(again.metadata) !== JSON.stringify(file.metadata)) {
        throw new Error(`seed ${fuzzSeed}, input ${i}: the accepted file does not survive writeSafetensors → read`);
      }
      accepted++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`safetensors fuzz: ${iterations} inputs, ${accepted} accepted and re-written equal, ${iterations - accepted} typed errors, ${seconds.toFixed(1)} s`);
    // Some mutations (whitespace, metadata edits) keep the file valid; most must be refused.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(iterations);
  }, fuzzTimeout(60_000));
});
