import { ImageDecodeError } from '../errors/ImageDecodeError.js';
import { InvalidImageError } from '../errors/InvalidImageError.js';
import { UnsupportedImageFormatError } from '../errors/UnsupportedImageFormatError.js';

/**
 * Test support for the decoder fuzz tests: a seeded PRNG (mulberry32) so any failing input can be rebuilt
 * from the printed seed and index, the run size from the environment, and the set of errors a decoder may
 * raise on hostile bytes (everything else — RangeError, TypeError, a hang — is a bug).
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzSettings {
  readonly seed: number;
  readonly count: number;
}

/** `FUZZ_SEED` / `FUZZ_COUNT` override the CI defaults (a fixed seed, `defaultCount` inputs). */
export function fuzzSettings(defaultSeed: number, defaultCount: number): FuzzSettings {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : defaultSeed;
  const count = process.env.FUZZ_COUNT ? Number(process.env.FUZZ_COUNT) : defaultCount;
  return { seed, count };
}

export function isTypedDecodeError(e: unknown): boolean {
  return e instanceof ImageDecodeError || e instanceof UnsupportedImageFormatError || e instanceof InvalidImageError;
}

/** Random mutation helpers over a copy of `base`. */
export function mutateBytes(base: Uint8Array, rand: () => number, from = 0, to = base.length): Uint8Array {
  const out = base.slice();
  const n = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < n; k++) {
    const i = from + Math.floor(rand() * Math.max(1, to - from));
    if (i >= out.length) continue;
    const kind = rand();
    if (kind < 0.4) out[i] ^= 1 << Math.floor(rand() * 8);
    else if (kind < 0.8) out[i] = Math.floor(rand() * 256);
    else out[i] = [0, 0xff, 0x7f, 0x80][Math.floor(rand() * 4)];
  }
  return out;
}
