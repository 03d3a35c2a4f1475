import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ByteSource } from '@altclip/hub';
import { MemoryByteSource } from '@altclip/hub';
import { readTorchCheckpoint } from './readTorchCheckpoint.js';
import { stateDictPickle } from './test-support/PickleWriter.js';
import { writeStoredZip } from './test-support/writeStoredZip.js';
import { TorchCheckpointError } from './TorchCheckpointError.js';
import { ZipArchive } from './ZipArchive.js';

// Deterministic PRNG (mulberry32) so a failure reproduces from its iteration number.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts what the reader asks for, so the test can bound allocation by the file's size. */
class CountingSource implements ByteSource {
  readonly size: number;
  readonly name = 'fuzz.bin';
  bytesRead = 0;
  largestRead = 0;
  readonly #inner: MemoryByteSource;
  constructor(bytes: Uint8Array) {
    this.#inner = new MemoryByteSource(bytes, 'fuzz.bin');
    this.size = bytes.length;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    this.bytesRead += length;
    this.largestRead = Math.max(this.largestRead, length);
    return this.#inner.read(offset, length);
  }
}

// Every opcode the unpickler knows plus a few it refuses; inserted at random positions of data.pkl.
const OPCODES = [
  0x80, 0x95, 0x2e, 0x28, 0x30, 0x31, 0x32, 0x4e, 0x88, 0x89, 0x4a, 0x4b, 0x4d, 0x8a, 0x8b, 0x47, 0x58, 0x8c, 0x8d,
  0x55, 0x54, 0x43, 0x42, 0x29, 0x74, 0x85, 0x86, 0x87, 0x5d, 0x6c, 0x61, 0x65, 0x7d, 0x64, 0x73, 0x75, 0x63, 0x93,
  0x52, 0x81, 0x62, 0x51, 0x68, 0x6a, 0x71, 0x72, 0x94, 0x69, 0x49, 0x00, 0xff,
];

function mutate(bytes: Uint8Array, random: () => number, hotRanges: readonly [number, number][]): Uint8Array {
  const pick = (): number => {
    const [start, end] = hotRanges[Math.floor(random() * hotRanges.length)];
    return start + Math.floor(random() * Math.max(1, end - start));
  };
  const out = bytes.slice();
  const kind = Math.floor(random() * 4);
  if (kind === 0) {
    for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
      const at = Math.min(out.length - 1, pick());
      out[at] ^= 1 << Math.floor(random() * 8);
    }
    return out;
  }
  if (kind === 1) return out.subarray(0, Math.floor(random() * out.length));
  // Length/offset fields: overwrite 2–8 bytes with an extreme or random value.
  const at = Math.min(out.length - 2, pick());
  const width = [2, 4, 8][Math.floor(random() * 3)];
  const extremes = [0x00, 0xff, 0x7f, 0x80];
  for (let i = 0; i < width && at + i < out.length; i++) {
    out[at + i] = kind === 2 ? extremes[Math.floor(random() * extremes.length)] : Math.floor(random() * 256);
  }
  return out;
}

async function expectOnlyTypedErrors(file: Uint8Array, label: string): Promise<'ok' | 'error'> {
  const source = new CountingSource(file);
  let outcome: 'ok' | 'error';
  try {
    const tensors = await readTorchCheckpoint(source);
    for (const [name, tensor] of tensors) {
      if (tensor.data.byteLength > file.length) throw new Error(`${label}: tensor '${name}' is larger than the file`);
    }
    outcome = 'ok';
  } catch (error) {
    if (!(error instanceof TorchCheckpointError)) throw new Error(`${label}: untyped ${String(error)}`, { cause: error });
    outcome = 'error';
  }
  // Central directory + pickle + storages (entries cannot overlap) + the end records: never more than the file, thrice.
  // (Plain checks: expect() per stream would dominate the run time.)
  if (source.largestRead > file.length) throw new Error(`${label}: read ${source.largestRead} bytes at once from a ${file.length}-byte file`);
  if (source.bytesRead > 3 * file.length + 65_557) throw new Error(`${label}: read ${source.bytesRead} bytes in all from a ${file.length}-byte file`);
  return outcome;
}

describe('readTorchCheckpoint fuzz', () => {
  it('sees only typed errors for 12,000 mutated zip/pickle streams', async () => {
    const fixture = new Uint8Array(
      readFileSync(fileURLToPath(new URL('../../../../../fixtures/altclip-tiny/pytorch_model.bin', import.meta.url))),
    );
    const archive = await ZipArchive.open(new MemoryByteSource(fixture));
    const entries = await Promise.all([...archive.entries.values()].map(async (e) => ({ name: e.name, data: await archive.read(e) })));
    const pickleIndex = entries.findIndex((e) => e.name.endsWith('/data.pkl'));

    const small = writeStoredZip([
      {
        name: 'archive/data.pkl',
        data: stateDictPickle(
          [
            { name: 'a', storageKey: '0', numel: 6, size: [2, 3], stride: [3, 1] },
            { name: 'b', storageKey: '0', numel: 6, size: [3, 2], stride: [1, 3] },
            { name: 'c', storageKey: '1', storageClass: 'LongStorage', numel: 2, size: [2], stride: [1] },
          ],
          { ordered: true },
        ),
      },
      { name: 'archive/data/0', data: new Uint8Array(24) },
      { name: 'archive/data/1', data: new Uint8Array(16) },
    ]);
    const smallPickleEnd = 64 + small.indexOf(0x2e, 64);

    const random = rng(20241127);
    const outcomes = { ok: 0, error: 0 };
    const started = performance.now();
    const iterations = 12_000;
    for (let i = 0; i < iterations; i++) {
      let file: Uint8Array;
      // The fixture (550 kB) is costly to re-read; most streams mutate the small crafted checkpoint.
      const mode = i % 12;
      if (mode === 0) {
        // Fixture: mutate the pickle region or the central directory / end records.
        file = mutate(fixture, random, [
          [0, 11_000],
          [fixture.length - 8_000, fixture.length],
        ]);
      } else if (mode === 1) {
        // Fixture's pickle with random opcodes inserted or bytes deleted, re-zipped so the container stays valid.
        const pickle = entries[pickleIndex].data;
        const edited: number[] = [...pickle];
        for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
          const at = Math.floor(random() * edited.length);
          if (random() < 0.7) edited.splice(at, 0, OPCODES[Math.floor(random() * OPCODES.length)], Math.floor(random() * 256));
          else edited.splice(at, 1 + Math.floor(random() * 4));
        }
        const replaced = entries.map((e, j) => (j === pickleIndex ? { name: e.name, data: Uint8Array.from(edited) } : e));
        file = writeStoredZip(replaced);
      } else {
        file = mutate(small, random, [
          [0, smallPickleEnd],
          [small.length - 400, small.length],
          [0, small.length],
        ]);
      }
      outcomes[await expectOnlyTypedErrors(file, `iteration ${i}`)]++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`torch fuzz: ${iterations} streams, ${outcomes.ok} loaded, ${outcomes.error} typed errors, ${seconds.toFixed(1)} s`);
    expect(outcomes.ok + outcomes.error).toBe(iterations);
    expect(outcomes.error).toBeGreaterThan(iterations / 4);
  }, 60_000);
});
