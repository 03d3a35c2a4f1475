import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAAI_ALTCLIP_CONFIG } from '@altclip/config';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO } from '../testing/captureIO.js';

describe('altclip parity', () => {
  it("passes onnx and the reference backend against HF's expected tensors", async () => {
    const io = captureIO();
    const code = await runCli(['parity', '--model', 'fixtures/altclip-tiny', '--backends', 'onnx', 'reference', '--json'], io);
    expect(io.err).not.toMatch(/altclip parity:/);
    expect(code).toBe(0);
    const { against, rows } = JSON.parse(io.out) as { against: string; rows: { backend: string; output: string; status: string; maxAbsDiff: number; cosine: number }[] };
    expect(against).toMatch(/^HF transformers/);
    for (const backend of ['onnx', 'reference']) {
      const mine = rows.filter((r) => r.backend === backend);
      expect(mine.map((r) => r.output)).toEqual(expect.arrayContaining(['model/text_embeds', 'model/image_embeds', 'model/logits_per_image', 'model/loss', 'text_model/hidden_states/*', 'vision_model/attentions/*', 'interpolate/get_image_features']));
      for (const r of mine) {
        expect(r.status, `${backend} ${r.output}`).toBe('pass');
        expect(r.cosine).toBeGreaterThan(0.9999);
      }
    }
  }, 180_000);

  it("judges int8 by core's predicted bounds and reports backends without int8 as n/a", async () => {
    const io = captureIO();
    const code = await runCli(['parity', '--model', 'fixtures/altclip-tiny', '--backends', 'onnx', 'tfjs', '--dtype', 'int8'], io);
    expect(io.err).not.toMatch(/altclip parity:/);
    expect(code).toBe(0);
    expect(io.err).toMatch(/onnx\/int8: predicting int8 error bounds/);
    // Each int8 cell names the bound it was judged by.
    expect(io.out).toMatch(/\| model\/text_embeds +\| \d\.\de-\d \(≤\d\.\de-\d\) 0\.99\d+ ok/);
    expect(io.out).toMatch(/tfjs int8: n\/a — no int8 weights \(the backend offers fp32\)/);
  }, 180_000);

  it('refuses int8 on a model too large for the float64 error model', async () => {
    const io = captureIO();
    const dir = mkdtempSync(join(tmpdir(), 'altclip-parity-baai-'));
    try {
      writeFileSync(join(dir, 'config.json'), JSON.stringify(BAAI_ALTCLIP_CONFIG));
      expect(await runCli(['parity', '--model', dir, '--dtype', 'int8'], io)).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(io.err).toMatch(/--dtype int8: .*864 M parameters is beyond the 20 M/);
  });

  it('prints a table and fails with one line naming an unknown backend', async () => {
    const io = captureIO();
    expect(await runCli(['parity', '--model', 'fixtures/altclip-tiny', '--backends', 'metal'], io)).toBe(1);
    expect(io.err).toMatch(/^altclip parity: unknown backend "metal"/);
  });
});
