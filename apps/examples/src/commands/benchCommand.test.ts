import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, initializeParameters, modelParameterSpecs, readSafetensors } from '@altclip/core';
import { createReferenceBackend } from '@altclip/core/parity';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO } from '../testing/captureIO.js';

const dir = mkdtempSync(join(tmpdir(), 'altclip-bench-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

  it('writes the checkpoint once and measures building on load from it and an exported folder (text tower only too)', async () => {
    const checkpoint = join(dir, 'checkpoint');
    const exported = join(dir, 'exported');
    const args = ['bench', '--config', 'fixtures/altclip-tiny/config.json', '--checkpoint', checkpoint, '--backends', 'onnx', '--dtype', 'fp32', '--seconds', '0.05', '--in-process', '--json'];
    const first = captureIO();
    expect(await runCli([...args, '--repeat', '2'], first)).toBe(0);
    expect(first.err).toMatch(/writing the checkpoint/);
    // The checkpoint holds core's seed-0 weights in HF names, loadable by fromPretrained.
    const config = AltCLIPConfig.fromDict(JSON.parse(readFileSync('fixtures/altclip-tiny/config.json', 'utf8')));
    const saved = await readSafetensors(new Uint8Array(readFileSync(join(checkpoint, 'model.safetensors'))));
    const drawn = initializeParameters(modelParameterSpecs(config), 0);
    expect([...saved.keys()].sort()).toEqual([...drawn.keys()].sort());
    const name = 'text_model.roberta.encoder.layer.0.attention.self.query.weight';
    expect(saved.get(name)!.data).toEqual(drawn.get(name)!.data);
    const loaded = await AltCLIPModel.fromPretrained(checkpoint, { backend: createReferenceBackend() });
    expect(loaded.loadReport).toMatchObject({ missingKeys: [], unexpectedKeys: [] });
    await loaded.dispose();
    const [built] = JSON.parse(first.out).results;
    expect(built).toMatchObject({ backend: 'onnx', dtype: 'fp32', source: 'checkpoint', threads: 2, repeats: 2, rss_target: null });
    expect(built.samples).toHaveLength(2);
    expect(built.weight_bytes).toBe(readFileSync(join(checkpoint, 'model.safetensors')).byteLength);

    expect(await runCli(['export', '--model', checkpoint, '--dtype', 'int8', '--out', exported, '--no-parity'], captureIO())).toBe(0);
    const second = captureIO();
    const partial = join(dir, 'partial.json');
    expect(await runCli([...args, '--no-build', '--exported', exported, '--text-only', '--partial', partial], second)).toBe(0);
    // --partial holds the report of the runs made so far; after the last run, the whole report.
    expect(JSON.parse(readFileSync(partial, 'utf8')).results).toEqual(JSON.parse(second.out).results);
    expect(second.err).not.toMatch(/writing the checkpoint/);
    const rows = JSON.parse(second.out).results;
    expect(rows.map((r: { source: string; towers: string }) => `${r.source} ${r.towers}`)).toEqual(['exported text,vision', 'exported text']);
    expect(rows[0]).toMatchObject({ backend: 'onnx', dtype: 'int8', rss_target: 1.5 });
    expect(rows[0].images_per_s_b8).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({ dtype: 'int8', rss_target: 1.3, images_per_s_b1: null });
    expect(rows[1].weight_bytes).toBeLessThan(rows[0].weight_bytes);
    for (const r of rows) expect(r.texts_per_s_b8).toBeGreaterThan(0);
  }, 180_000);

  it('--export writes the checkpoint\'s exported folder once (reused while its graph format is current) and measures it', async () => {
    const checkpoint = join(dir, 'export-checkpoint');
    const args = ['bench', '--config', 'fixtures/altclip-tiny/config.json', '--checkpoint', checkpoint, '--backends', 'onnx', '--no-build', '--export', 'q4'];
    const run = [...args, '--seconds', '0.05', '--in-process', '--no-baseline', '--json'];
    const first = captureIO();
    expect(await runCli(run, first)).toBe(0);
    expect(first.err).toMatch(/exporting .* as q4/);
    const manifest = JSON.parse(readFileSync(`${checkpoint}-export-q4/altclip_export.json`, 'utf8'));
    expect(manifest).toMatchObject({ dtype: 'q4' });
    const [row] = JSON.parse(first.out).results;
    expect(row).toMatchObject({ backend: 'onnx', dtype: 'q4', source: 'exported' });
    const second = captureIO();
    expect(await runCli(run, second)).toBe(0);
    expect(second.err).toMatch(/exported folder present .*reused/);
    expect(second.err).not.toMatch(/exporting/);
  }, 180_000);

  it('refuses --export without --checkpoint', async () => {
    const io = captureIO();
    expect(await runCli(['bench', '--export', 'q4', '--in-process'], io)).toBe(2);
    expect(io.err).toMatch(/--export needs --checkpoint/);
  });

  it('refuses an unknown dtype', async () => {
    const io = captureIO();
    expect(await runCli(['bench', '--dtype', 'fp8', '--in-process'], io)).toBe(2);
    expect(io.err).toMatch(/unknown dtype "fp8"/);
  });
});
