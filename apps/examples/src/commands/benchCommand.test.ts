import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO } from '../testing/captureIO.js';

// Timing is never asserted here (figures come from `pnpm bench`); this checks the report's format.
describe('altclip bench', () => {
  it('prints the JSON report format on the tiny architecture', async () => {
    const io = captureIO();
    const code = await runCli(['bench', '--config', 'fixtures/altclip-tiny/config.json', '--backends', 'onnx', 'tfjs', '--dtype', 'fp32', '--seconds', '0.05', '--in-process', '--json'], io);
    expect(io.err).not.toMatch(/altclip bench:/);
    expect(code).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.machine).toMatchObject({ cores: expect.any(Number), node: process.version });
    expect(report.results.map((r: { backend: string }) => r.backend)).toEqual(['onnx', 'tfjs']);
    for (const r of report.results) {
      expect(r).toMatchObject({ dtype: 'fp32' });
      for (const key of ['images_per_s_b1', 'images_per_s_b8', 'texts_per_s_b8', 'peak_rss_bytes', 'load_s']) expect(r[key], key).toBeGreaterThan(0);
    }
  }, 120_000);

  it('refuses an unknown dtype', async () => {
    const io = captureIO();
    expect(await runCli(['bench', '--dtype', 'fp8', '--in-process'], io)).toBe(2);
    expect(io.err).toMatch(/unknown dtype "fp8"/);
  });
});
