import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO, fixtureExpected } from '../testing/captureIO.js';

const rows = (t: { data: BigInt64Array; dims: readonly number[] }) =>
  Array.from({ length: t.dims[0] }, (_, r) => Array.from(t.data.subarray(r * t.dims[1], (r + 1) * t.dims[1]), Number));

describe('altclip tokenize', () => {
  it("gives HF's padded, truncated ids for the fixture texts (slow tokenizer, as the oracle used)", async () => {
    const io = captureIO();
    const code = await runCli(['tokenize', '--model', 'fixtures/altclip-tiny', '--texts', 'fixtures/altclip-tiny/texts.json', '--max-length', '64', '--tokenizer', 'slow'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const printed = JSON.parse(io.out);
    const expected = await fixtureExpected();
    expect(printed.input_ids).toEqual(rows(expected.get('tokenizer/batch/input_ids') as never));
    expect(printed.attention_mask).toEqual(rows(expected.get('tokenizer/batch/attention_mask') as never));
  });

  it('truncates to --max-length as HF does', async () => {
    const io = captureIO();
    expect(await runCli(['tokenize', '--model', 'fixtures/altclip-tiny', '--texts', 'fixtures/altclip-tiny/texts.json', '--max-length', '8'], io)).toBe(0);
    const printed = JSON.parse(io.out);
    for (const row of printed.input_ids) {
      expect(row).toHaveLength(8);
      expect(row[0]).toBe(0);
    }
  });

  it('refuses an empty texts file in one line', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/altclip-`);
    writeFileSync(`${dir}/empty.json`, '[]');
    const io = captureIO();
    expect(await runCli(['tokenize', '--model', 'fixtures/altclip-tiny', '--texts', `${dir}/empty.json`], io)).toBe(1);
    expect(io.err).toMatch(/empty\.json: the texts array is empty\n$/);
  });

  it('names a missing model folder', async () => {
    const io = captureIO();
    expect(await runCli(['tokenize', '--model', 'missing-model', '--texts', 'fixtures/altclip-tiny/texts.json'], io)).toBe(1);
    expect(io.err).toBe('altclip tokenize: model folder "missing-model" does not exist\n');
  });
});
