import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readSafetensors } from '@altclip/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO, fixtureExpected, fixtureImages } from '../testing/captureIO.js';

describe('altclip preprocess', () => {
  it("writes pixel_values equal to HF's for the fixture PNGs, in the order given", async () => {
    const pngs = fixtureImages().filter((i) => i.format === 'PNG');
    const file = `${mkdtempSync(`${tmpdir()}/altclip-pre-`)}/pv.safetensors`;
    const io = captureIO();
    expect(await runCli(['preprocess', '--model', 'fixtures/altclip-tiny', '--images', ...pngs.map((i) => `fixtures/altclip-tiny/images/${i.file}`), '--out', file], io)).toBe(0);
    const got = (await readSafetensors(new Uint8Array(await readFile(file)))).get('pixel_values')!;
    expect(got.dims).toEqual([pngs.length, 3, 30, 30]);
    const expected = await fixtureExpected();
    const per = 3 * 30 * 30;
    pngs.forEach((img, n) => {
      const want = expected.get(`image/pixel_values/${img.file}`)!.data as Float32Array;
      const have = (got.data as Float32Array).subarray(n * per, (n + 1) * per);
      let max = 0;
      for (let i = 0; i < per; i++) max = Math.max(max, Math.abs(have[i] - want[i]));
      expect(max, img.file).toBeLessThanOrEqual(1e-6);
    });
  });

  it('names a missing image file', async () => {
    const io = captureIO();
    expect(await runCli(['preprocess', '--model', 'fixtures/altclip-tiny', '--images', 'nope.png', '--out', '/dev/null'], io)).toBe(1);
    expect(io.err).toBe('altclip preprocess: nope.png: no such image file\n');
  });
});
