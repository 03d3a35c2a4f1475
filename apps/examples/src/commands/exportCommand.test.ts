import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors, toFloat32 } from '@altclip/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO } from '../testing/captureIO.js';

const dir = mkdtempSync(join(tmpdir(), 'altclip-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('altclip export', () => {
  it('exports the fixture as q4 and `altclip embed` uses the folder (tokenizer from the export, no checkpoint)', async () => {
    const out = join(dir, 'q4');
    const io = captureIO();
    expect(await runCli(['export', '--model', 'fixtures/altclip-tiny', '--dtype', 'q4', '--out', out], io)).toBe(0);
    const summary = JSON.parse(io.out);
    expect(summary).toMatchObject({ dtype: 'q4', towers: ['text', 'vision'] });
    expect(JSON.parse(readFileSync(join(out, 'altclip_export.json'), 'utf8')).dtype).toBe('q4');
    const file = join(dir, 'embeds.safetensors');
    const embed = captureIO();
    const code = await runCli(['embed', '--model', out, '--backend', 'onnx', '--dtype', 'q4', '--max-length', '64', '--texts', 'fixtures/altclip-tiny/texts.json', '--out', file], embed);
    expect(embed.err).not.toMatch(/altclip embed:/);
    expect(code).toBe(0);
    const got = await readSafetensors(new Uint8Array(readFileSync(file)));
    const norms = toFloat32(got.get('text_embeds')!);
    expect(norms.dims[0]).toBeGreaterThan(1);
  }, 120_000);

  it('refuses an unknown dtype and tower, naming the option', async () => {
    const io = captureIO();
    expect(await runCli(['export', '--model', 'fixtures/altclip-tiny', '--dtype', 'q3', '--out', join(dir, 'x')], io)).not.toBe(0);
    expect(io.err).toMatch(/--dtype: expected one of fp32, fp16, int8, q4/);
    const io2 = captureIO();
    expect(await runCli(['export', '--model', 'fixtures/altclip-tiny', '--towers', 'audio', '--out', join(dir, 'y')], io2)).not.toBe(0);
    expect(io2.err).toMatch(/--towers/);
  });
});
