import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readSafetensors, type Tensor, toFloat32 } from '@altclip/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO, fixtureExpected, fixtureImages } from '../testing/captureIO.js';

const out = mkdtempSync(`${tmpdir()}/altclip-embed-`);

function maxRowDiff(actual: Tensor, expected: Tensor, rows: readonly number[]): number {
  const width = expected.dims[1];
  const a = toFloat32(actual).data;
  const e = toFloat32(expected).data;
  let max = 0;
  for (const r of rows) for (let i = 0; i < width; i++) max = Math.max(max, Math.abs(a[r * width + i] - e[r * width + i]));
  return max;
}

describe('altclip embed', () => {
  const images = fixtureImages();
  // PNG decoding is exact; JPEG decoders differ from libjpeg-turbo by a level here and there
  // (see @altclip/processor's README), which moves image embeddings, so golden rows are PNG rows.
  const pngRows = images.filter((i) => i.format === 'PNG').map((i) => i.batch_index);

  it("writes inputs, embeddings and logits equal to HF's for the fixture batch (onnx, fp32)", async () => {
    const file = `${out}/all.safetensors`;
    const io = captureIO();
    const code = await runCli(
      ['embed', '--model', 'fixtures/altclip-tiny', '--backend', 'onnx', '--tokenizer', 'slow', '--max-length', '64', '--texts', 'fixtures/altclip-tiny/texts.json', '--images', ...images.map((i) => `fixtures/altclip-tiny/images/${i.file}`), '--out', file],
      io,
    );
    expect(io.err).not.toMatch(/altclip embed:/);
    expect(code).toBe(0);
    const got = await readSafetensors(new Uint8Array(await readFile(file)));
    const expected = await fixtureExpected();
    expect([...got.keys()].sort()).toEqual(['attention_mask', 'image_embeds', 'input_ids', 'logits_per_image', 'logits_per_text', 'pixel_values', 'text_embeds']);
    expect(got.get('input_ids')!.dtype).toBe('int64');
    expect(Array.from(got.get('input_ids')!.data as BigInt64Array)).toEqual(Array.from(expected.get('tokenizer/batch/input_ids')!.data as BigInt64Array));
    expect(Array.from(got.get('attention_mask')!.data as BigInt64Array)).toEqual(Array.from(expected.get('tokenizer/batch/attention_mask')!.data as BigInt64Array));
    const textRows = Array.from({ length: 15 }, (_, i) => i);
    expect(maxRowDiff(got.get('text_embeds')!, expected.get('model/text_embeds')!, textRows)).toBeLessThanOrEqual(1e-5);
    expect(maxRowDiff(got.get('image_embeds')!, expected.get('model/image_embeds')!, pngRows)).toBeLessThanOrEqual(1e-5);
    expect(maxRowDiff(got.get('logits_per_image')!, expected.get('model/logits_per_image')!, pngRows)).toBeLessThanOrEqual(1e-4);
    expect(got.get('logits_per_text')!.dims).toEqual([15, images.length]);
  }, 120_000);

  it('embeds texts alone', async () => {
    const file = `${out}/texts.safetensors`;
    // Text 14 is longer than the tiny model's 64 positions: HF would fail too without truncation.
    expect(await runCli(['embed', '--model', 'fixtures/altclip-tiny', '--texts', 'fixtures/altclip-tiny/texts.json', '--max-length', '64', '--out', file], captureIO())).toBe(0);
    const got = await readSafetensors(new Uint8Array(await readFile(file)));
    expect([...got.keys()].sort()).toEqual(['attention_mask', 'input_ids', 'text_embeds']);
  });

  it('refuses an unknown backend in one line', async () => {
    const io = captureIO();
    expect(await runCli(['embed', '--model', 'fixtures/altclip-tiny', '--backend', 'cuda', '--texts', 'fixtures/altclip-tiny/texts.json', '--out', `${out}/x.safetensors`], io)).toBe(1);
    expect(io.err).toMatch(/^altclip embed: unknown backend "cuda" \(expected one of: onnx, onnx-web, tfjs/);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('names an unreadable image', async () => {
    const io = captureIO();
    const code = await runCli(['embed', '--model', 'fixtures/altclip-tiny', '--images', 'fixtures/altclip-tiny/texts.json', '--out', `${out}/x.safetensors`], io);
    expect(code).toBe(1);
    expect(io.err).toMatch(/texts\.json/);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('altclip embed without truncation', () => {
  it("fails as HF does on a text longer than the model's positions, naming the sequence", async () => {
    const io = captureIO();
    expect(await runCli(['embed', '--model', 'fixtures/altclip-tiny', '--texts', 'fixtures/altclip-tiny/texts.json', '--out', `${out}/long.safetensors`], io)).toBe(1);
    expect(io.err).toMatch(/altclip embed: InputValidationError: inputIds: sequence 14 has more than 64 non-padding tokens/);
  });
});
