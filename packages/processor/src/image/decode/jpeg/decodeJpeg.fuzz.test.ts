import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { fuzzSettings, isTypedDecodeError, mutateBytes, rng } from '../../../test-support/fuzzing.js';
import { corpusImageBytes } from '../../../test-support/photoCorpus.js';
import { convertToRgb } from '../../color/convertToRgb.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { decodeJpeg } from './decodeJpeg.js';

// Issue #16 item 6: JPEG decoder fuzzing. Inputs are small JPEGs written by sharp (random size, quality,
// baseline/progressive, 4:4:4/4:2:0, grey, optimised Huffman tables) and corpus files with restart markers,
// 4:1:1, CMYK and arithmetic coding, either valid or mutated in the headers, in the entropy-coded data, by truncation, by
// injected markers or anywhere. Every input must decode or raise a typed error; every 1- or 3-component
// success that libjpeg-turbo (sharp, failOn 'warning') decodes without complaint must be libjpeg-turbo's
// samples exactly. FUZZ_SEED / FUZZ_COUNT reproduce or extend a run.
const { seed, count } = fuzzSettings(0x5eed0017, 10_000);
const MAX_PIXELS = 1 << 16;

let bases: Uint8Array[] = [];

beforeAll(async () => {
  const rand = rng(seed ^ 0x9e3779b9);
  for (let k = 0; k < 48; k++) {
    const width = 1 + Math.floor(rand() * 40);
    const height = 1 + Math.floor(rand() * 40);
    const data = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37 + Math.floor(rand() * 64)) & 255);
    let img = sharp(data, { raw: { width, height, channels: 3 } });
    if (k % 6 === 5) img = img.toColourspace('b-w');
    const jpeg = await img
      .jpeg({
        quality: 20 + Math.floor(rand() * 80),
        progressive: k % 2 === 1,
        chromaSubsampling: k % 3 === 0 ? '4:4:4' : '4:2:0',
        optimiseCoding: k % 4 < 2,
        mozjpeg: false,
      })
      .toBuffer();
    bases.push(new Uint8Array(jpeg));
  }
  for (const f of [
    'jpeg-restart-5blocks-422.jpg',
    'jpeg-restart-1row.jpg',
    'jpeg-411-151x97.jpg',
    'jpeg-cmyk-adobe.jpg',
    'jpeg-ycck-adobe.jpg',
    'jpeg-arithmetic-restart-444.jpg',
    'jpeg-arithmetic-progressive-restart-422.jpg',
    'jpeg-arithmetic-gray.jpg',
  ]) {
    bases.push(await corpusImageBytes(f));
  }
  bases = bases.filter((b) => b.length > 0);
});

/** Offset of the first entropy-coded byte (after the first SOS segment). */
function scanStart(b: Uint8Array): number {
  let pos = 2;
  while (pos + 4 <= b.length) {
    const marker = b[pos + 1];
    const len = (b[pos + 2] << 8) | b[pos + 3];
    if (marker === 0xda) return pos + 2 + len;
    pos += 2 + len;
  }
  return b.length;
}

async function libjpegRgb(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    const { data } = await sharp(bytes, { failOn: 'warning' }).toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch {
    return undefined;
  }
}

describe('JPEG decoder fuzzing', () => {
  it(`${count} generated inputs: success or typed error; clean successes equal libjpeg-turbo`, { timeout: 600_000 }, async () => {
    console.log(`[fuzz jpeg] seed=${seed} count=${count} bases=${bases.length} (FUZZ_SEED=${seed} FUZZ_COUNT=${count} to reproduce)`);
    const rand = rng(seed);
    const tally = { ok: 0, typed: 0, compared: 0, kinds: {} as Record<string, number> };
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      // Corpus files (151×97 and larger) are slower to decode: one input in ten.
      const big = rand() < 0.1;
      const base = big ? bases[48 + Math.floor(rand() * (bases.length - 48))] : bases[Math.floor(rand() * 48)];
      const scan = scanStart(base);
      const r = rand();
      let input: Uint8Array;
      let kind: string;
      if (r < 0.15) [input, kind] = [base, 'valid'];
      else if (r < 0.4) [input, kind] = [mutateBytes(base, rand, 2, scan), 'header-mutated'];
      else if (r < 0.65) [input, kind] = [mutateBytes(base, rand, scan, base.length - 2), 'data-mutated'];
      else if (r < 0.75) [input, kind] = [base.subarray(0, Math.floor(rand() * base.length)), 'truncated'];
      else if (r < 0.85) {
        const at = scan + Math.floor(rand() * Math.max(1, base.length - scan - 2));
        const marker = [0xd0 + Math.floor(rand() * 8), 0xd9, 0xda, 0xc4, 0xdb, 0xdd, 0xc0, 0xc2, 0xff, 0x00][Math.floor(rand() * 10)];
        [input, kind] = [new Uint8Array([...base.subarray(0, at), 0xff, marker, ...base.subarray(at)]), 'marker-injected'];
      } else [input, kind] = [mutateBytes(base, rand), 'bytes-mutated'];
      tally.kinds[kind] = (tally.kinds[kind] ?? 0) + 1;

      let decoded: DecodedImage;
      try {
        decoded = decodeJpeg(input, `fuzz#${i}`, MAX_PIXELS);
      } catch (e) {
        if (!isTypedDecodeError(e) || kind === 'valid') {
          throw new Error(`input #${i} (${kind}, seed ${seed}): ${kind === 'valid' ? 'a valid JPEG was refused' : 'untyped error'}: ${(e as Error).stack}`);
        }
        tally.typed++;
        continue;
      }
      tally.ok++;
      const bands = decoded.mode === 'L' ? 1 : decoded.mode === 'RGB' ? 3 : 4;
      expect(decoded.data.length, `input #${i}`).toBe(decoded.width * decoded.height * bands);
      if (decoded.mode === 'CMYK') continue; // libvips' CMYK reading differs from PIL's by design
      const ref = await libjpegRgb(input);
      if (!ref) continue;
      const ours = convertToRgb(decoded).data;
      if (ref.length !== ours.length) throw new Error(`input #${i} (${kind}, seed ${seed}): size differs from libjpeg-turbo`);
      tally.compared++;
      let differing = 0;
      for (let k = 0; k < ours.length; k++) if (ours[k] !== ref[k]) differing++;
      if (differing) {
        if (process.env.FUZZ_DUMP) {
          const fs = await import("node:fs");
          fs.writeFileSync(`${process.env.FUZZ_DUMP}/fuzz-${seed}-${i}.jpg`, input);
          fs.writeFileSync(`${process.env.FUZZ_DUMP}/fuzz-${seed}-${i}.base`, base);
        }
        throw new Error(`input #${i} (${kind}, seed ${seed}): ${differing} samples differ from libjpeg-turbo`);
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`[fuzz jpeg] ${count} inputs in ${seconds} s: ${tally.ok} decoded (${tally.compared} equal to libjpeg-turbo), ${tally.typed} typed errors; ${JSON.stringify(tally.kinds)}`);
    expect(tally.ok + tally.typed).toBe(count);
    expect(tally.compared).toBeGreaterThan(count / 10);
  });
});
