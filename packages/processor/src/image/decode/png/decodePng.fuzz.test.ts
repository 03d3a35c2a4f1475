import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fuzzSettings, isTypedDecodeError, mutateBytes, rng } from '../../../test-support/fuzzing.js';
import { concatBytes, pngChunk } from '../../../test-support/hostileImages.js';
import { convertToRgb } from '../../color/convertToRgb.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { crc32 } from './crc32.js';
import { decodePng } from './decodePng.js';

// Issue #16 item 6: PNG/zlib fuzzing. Each input is a random valid PNG (random size, colour type, bit depth,
// interlacing, filter bytes and row bytes, zlib-compressed) or one mutated at the PNG or zlib layer (CRCs
// recomputed where the mutation is meant to reach the decoder behind them). Every input must decode or
// raise a typed error; every 8-bit-or-less success that libspng (sharp) also decodes must give libspng's
// samples. FUZZ_SEED / FUZZ_COUNT reproduce or extend a run (opt-in long run: FUZZ_COUNT=200000).
const { seed, count } = fuzzSettings(0x5eed0016, 10_000);
const MAX_PIXELS = 1 << 16; // keeps hostile IHDR sizes cheap; the default limit is tested in pixelLimit.test.ts

const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

interface Spec {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace: number;
  paletteEntries: number;
}

function randomSpec(rand: () => number): Spec {
  const colorType = [0, 2, 3, 4, 6][Math.floor(rand() * 5)];
  const depths = DEPTHS[colorType];
  return {
    width: 1 + Math.floor(rand() * 19),
    height: 1 + Math.floor(rand() * 13),
    colorType,
    depth: depths[Math.floor(rand() * depths.length)],
    interlace: rand() < 0.3 ? 1 : 0,
    paletteEntries: 0,
  };
}

/** Filtered scanlines with random filter types and bytes; palette indices kept inside the palette. */
function randomFilteredData(s: Spec, rand: () => number): Uint8Array {
  const passes = s.interlace ? ADAM7 : [[0, 0, 1, 1]];
  const parts: number[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((s.width - x0) / dx);
    const ph = Math.ceil((s.height - y0) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const rowBytes = Math.ceil((pw * CHANNELS[s.colorType] * s.depth) / 8);
    for (let r = 0; r < ph; r++) {
      // Palette images: filter 0 and in-range indices, so the file is valid for both decoders.
      if (s.colorType === 3) {
        parts.push(0);
        const perByte = 8 / s.depth;
        for (let b = 0; b < rowBytes; b++) {
          let v = 0;
          for (let k = 0; k < perByte; k++) v = (v << s.depth) | Math.floor(rand() * Math.min(s.paletteEntries, 1 << s.depth));
          parts.push(v);
        }
        continue;
      }
      parts.push(Math.floor(rand() * 5));
      for (let b = 0; b < rowBytes; b++) parts.push(Math.floor(rand() * 256));
    }
  }
  return new Uint8Array(parts);
}

function ihdr(s: Spec): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, s.width);
  v.setUint32(4, s.height);
  d.set([s.depth, s.colorType, 0, 0, s.interlace], 8);
  return d;
}

function buildPng(s: Spec, idat: Uint8Array, palette?: Uint8Array): Uint8Array {
  const chunks = [pngChunk('IHDR', ihdr(s))];
  if (palette) chunks.push(pngChunk('PLTE', palette));
  // Split IDAT in two sometimes: decoders must concatenate.
  const cut = Math.floor(idat.length / 2);
  if (idat.length > 8 && s.width % 2) chunks.push(pngChunk('IDAT', idat.subarray(0, cut)), pngChunk('IDAT', idat.subarray(cut)));
  else chunks.push(pngChunk('IDAT', idat));
  chunks.push(pngChunk('IEND', new Uint8Array(0)));
  return concatBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks);
}

/** Rewrites the CRC of every chunk, so a mutation inside a chunk reaches the parser behind the CRC check. */
function fixCrcs(png: Uint8Array): Uint8Array {
  const out = png.slice();
  const view = new DataView(out.buffer);
  let pos = 8;
  while (pos + 12 <= out.length) {
    const len = view.getUint32(pos);
    if (pos + 12 + len > out.length) break;
    view.setUint32(pos + 8 + len, crc32(out, pos + 4, pos + 8 + len));
    pos += 12 + len;
  }
  return out;
}

async function sharpRgb(bytes: Uint8Array): Promise<{ width: number; height: number; data: Uint8Array } | undefined> {
  try {
    const { data, info } = await sharp(bytes, { failOn: 'error' }).removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch {
    return undefined;
  }
}

describe('PNG/zlib decoder fuzzing', () => {
  it(`${count} generated inputs: success or typed error; successes equal libspng (seed ${seed})`, { timeout: 600_000 }, async () => {
    console.log(`[fuzz png] seed=${seed} count=${count} (FUZZ_SEED=${seed} FUZZ_COUNT=${count} to reproduce)`);
    const rand = rng(seed);
    const tally = { ok: 0, typed: 0, compared: 0, kinds: {} as Record<string, number> };
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const s = randomSpec(rand);
      let palette: Uint8Array | undefined;
      if (s.colorType === 3) {
        s.paletteEntries = 1 + Math.floor(rand() * (1 << s.depth));
        palette = Uint8Array.from({ length: s.paletteEntries * 3 }, () => Math.floor(rand() * 256));
      }
      const raw = randomFilteredData(s, rand);
      const zlib = new Uint8Array(deflateSync(raw, { level: Math.floor(rand() * 10) }));
      const valid = buildPng(s, zlib, palette);
      const r = rand();
      let input: Uint8Array;
      let kind: string;
      if (r < 0.35) [input, kind] = [valid, 'valid'];
      else if (r < 0.5) {
        const bad = raw.slice();
        bad[0] = 5 + Math.floor(rand() * 251); // invalid filter type on the first row
        [input, kind] = [buildPng(s, new Uint8Array(deflateSync(bad)), palette), 'bad-filter'];
      } else if (r < 0.65) [input, kind] = [buildPng(s, mutateBytes(zlib, rand), palette), 'zlib-mutated'];
      else if (r < 0.75) [input, kind] = [buildPng(s, zlib.subarray(0, Math.floor(rand() * zlib.length)), palette), 'zlib-truncated'];
      else if (r < 0.85) [input, kind] = [fixCrcs(mutateBytes(valid, rand, 16, 29)), 'ihdr-mutated'];
      else if (r < 0.93) [input, kind] = [mutateBytes(valid, rand), 'bytes-mutated'];
      else [input, kind] = [valid.subarray(0, Math.floor(rand() * valid.length)), 'file-truncated'];
      tally.kinds[kind] = (tally.kinds[kind] ?? 0) + 1;

      let decoded: DecodedImage;
      try {
        decoded = await decodePng(input, `fuzz#${i}`, MAX_PIXELS);
      } catch (e) {
        if (!isTypedDecodeError(e) || kind === 'valid') {
          throw new Error(`input #${i} (${kind}, seed ${seed}): ${kind === 'valid' ? 'a valid PNG was refused' : 'untyped error'}: ${(e as Error).stack}`);
        }
        tally.typed++;
        continue;
      }
      tally.ok++;
      const bands = { '1': 1, L: 1, LA: 2, RGB: 3, RGBA: 4, CMYK: 4, P: 1, I: 1 }[decoded.mode];
      expect(decoded.data.length, `input #${i}`).toBe(decoded.width * decoded.height * bands);
      // Reference: libspng through sharp, for bit depths where PIL's samples and libspng's 8-bit output agree
      // by definition (PIL keeps 16-bit values / high bytes, libvips rescales, so 16-bit is left out).
      const depth = input[24];
      if (depth <= 8) {
        const ref = await sharpRgb(input);
        if (ref && ref.width === decoded.width && ref.height === decoded.height) {
          tally.compared++;
          const ours = convertToRgb(decoded).data;
          let differing = 0;
          for (let k = 0; k < ours.length; k++) if (ours[k] !== ref.data[k]) differing++;
          if (differing) throw new Error(`input #${i} (${kind}, seed ${seed}): ${differing} samples differ from libspng`);
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`[fuzz png] ${count} inputs in ${seconds} s: ${tally.ok} decoded (${tally.compared} equal to libspng), ${tally.typed} typed errors; ${JSON.stringify(tally.kinds)}`);
    expect(tally.ok + tally.typed).toBe(count);
    expect(tally.compared).toBeGreaterThan(count / 10);
  });
});
