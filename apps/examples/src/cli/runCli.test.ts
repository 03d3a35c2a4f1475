import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captureIO, fixtureDir } from '../testing/captureIO.js';
import { runCli } from './runCli.js';

describe('altclip CLI', () => {
  it('lists the commands with --help', async () => {
    const io = captureIO();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out).toContain('Usage: altclip <command>');
    expect(io.out).toContain('config');
  });

  it('rejects an unknown command with one line and exit code 2', async () => {
    const io = captureIO();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err.trim().split('\n')).toHaveLength(1);
    expect(io.err).toContain('unknown command "frobnicate"');
  });

  it('rejects an unknown option', async () => {
    const io = captureIO();
    expect(await runCli(['config', '--nope'], io)).toBe(2);
    expect(io.err).toContain('unknown option --nope');
  });
});

describe('altclip config', () => {
  it("prints the fixture's configuration with HF's defaults filled in", async () => {
    const io = captureIO();
    expect(await runCli(['config', 'fixtures/altclip-tiny'], io)).toBe(0);
    const printed = JSON.parse(io.out);
    const onDisk = JSON.parse(readFileSync(`${fixtureDir}/config.json`, 'utf8'));
    expect(printed.projection_dim).toBe(onDisk.projection_dim);
    expect(printed.text_config.hidden_size).toBe(onDisk.text_config.hidden_size);
    expect(printed.vision_config.patch_size).toBe(onDisk.vision_config.patch_size);
    // Fields absent from the file come from HF's defaults.
    expect(printed.vision_config.hidden_act).toBe('quick_gelu');
    expect(printed.text_config.hidden_act).toBe('gelu');
    expect(printed.text_config.pad_token_id).toBe(1);
  });

  it('names a missing model folder in one line', async () => {
    const io = captureIO();
    expect(await runCli(['config', 'no/such/model'], io)).toBe(1);
    expect(io.err).toBe('altclip config: no/such/model: no such file or folder\n');
  });
});
