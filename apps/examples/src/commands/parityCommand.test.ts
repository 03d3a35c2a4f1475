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

  it('prints a table and fails with one line naming an unknown backend', async () => {
    const io = captureIO();
    expect(await runCli(['parity', '--model', 'fixtures/altclip-tiny', '--backends', 'metal'], io)).toBe(1);
    expect(io.err).toMatch(/^altclip parity: unknown backend "metal"/);
  });
});
