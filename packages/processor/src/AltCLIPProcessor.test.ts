import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AltCLIPProcessor } from './AltCLIPProcessor.js';
import { ProcessorConfigError } from './errors/ProcessorConfigError.js';
import { ProcessorInputError } from './errors/ProcessorInputError.js';
import { expectedJson, expectedTensor, FIXTURE_IMAGES, fixtureUrl } from './test-support/fixture.js';
import { maxAbsDiff } from './test-support/pixelChecks.js';

const dir = fileURLToPath(fixtureUrl(''));
let processor: AltCLIPProcessor;
let texts: string[];

beforeAll(async () => {
  // The fixture's expected ids are the slow (sentencepiece) tokenizer's.
  processor = await AltCLIPProcessor.fromPretrained(dir, { prefer: 'slow' });
  texts = (await expectedJson()).texts;
});

describe('AltCLIPProcessor', () => {
  it('text + images: ids, mask and pixel values as HF’s processor call', async () => {
    const out = await processor({
      text: texts,
      images: FIXTURE_IMAGES.map((f) => fixtureUrl(`images/${f}`)),
      padding: true,
      truncation: true,
      maxLength: 64,
    });
    const ids = await expectedTensor('tokenizer/batch/input_ids');
    const mask = await expectedTensor('tokenizer/batch/attention_mask');
    expect((out.inputIds as number[][]).flat()).toEqual(Array.from(ids.data as BigInt64Array, Number));
    expect((out.attentionMask as number[][]).flat()).toEqual(Array.from(mask.data as BigInt64Array, Number));
    const pixels = await expectedTensor('image/pixel_values_batch');
    const pixelValues = out.pixelValues;
    if (!pixelValues) throw new Error('no pixelValues');
    expect(pixelValues.dims).toEqual(pixels.shape);
    const size = 3 * 30 * 30;
    FIXTURE_IMAGES.forEach((file, i) => {
      if (!file.endsWith('.png')) return; // JPEG rows: decoder-dependent, checked in CLIPImageProcessor.test.ts
      const ours = pixelValues.data.subarray(i * size, (i + 1) * size);
      expect(maxAbsDiff(ours, (pixels.data as Float32Array).subarray(i * size, (i + 1) * size)), file).toBeLessThanOrEqual(1e-6);
    });
  });

  it('text only and images only return only their fields', async () => {
    const textOnly = await processor({ text: 'a photo of a cat' });
    expect(Object.keys(textOnly).sort()).toEqual(['attentionMask', 'inputIds']);
    const imagesOnly = await processor({ images: fixtureUrl('images/tiny_7x5.png') });
    expect(Object.keys(imagesOnly)).toEqual(['pixelValues']);
    expect(imagesOnly.pixelValues?.dims).toEqual([1, 3, 30, 30]);
    expect(imagesOnly.pixelValues?.dtype).toBe('float32');
  });

  it('errors when neither text nor images is given', async () => {
    await expect(processor({})).rejects.toThrow(ProcessorInputError);
  });

  it('decode and batchDecode are forwarded to the tokenizer', async () => {
    const ids = Array.from((await expectedTensor('tokenizer/ids/00')).data as BigInt64Array, Number);
    expect(processor.decode(ids, { skipSpecialTokens: true })).toBe(processor.tokenizer.decode(ids, { skipSpecialTokens: true }));
    expect(processor.batchDecode([ids, ids])).toEqual([processor.tokenizer.decode(ids), processor.tokenizer.decode(ids)]);
  });

  it('fromPretrained on a folder without preprocessor_config.json names the file', async () => {
    await expect(AltCLIPProcessor.fromPretrained(fileURLToPath(fixtureUrl('images')))).rejects.toThrow(ProcessorConfigError);
  });
});

describe('AltCLIPProcessor.fromFiles', () => {
  const reads: string[] = [];
  const reader = async (name: string) => {
    reads.push(name);
    const { readFile } = await import('node:fs/promises');
    try {
      return new Uint8Array(await readFile(`${dir}/${name}`));
    } catch {
      return null;
    }
  };

  it("gives the fixture's ids and pixels from files read by name, reading only the preferred tokenizer file", async () => {
    const fromFiles = await AltCLIPProcessor.fromFiles(reader, { name: 'fixture', prefer: 'slow' });
    expect(reads).toContain('sentencepiece.bpe.model');
    expect(reads).not.toContain('tokenizer.json');
    const out = await fromFiles({ text: texts, images: fixtureUrl('images/chelsea.png'), padding: true, truncation: true, maxLength: 64 });
    const ids = await expectedTensor('tokenizer/batch/input_ids');
    expect((out.inputIds as number[][]).flat()).toEqual(Array.from(ids.data as BigInt64Array, Number));
    const want = await expectedTensor('image/pixel_values/chelsea.png');
    expect(maxAbsDiff(out.pixelValues!.data, want.data as Float32Array)).toBeLessThanOrEqual(1e-6);
  });

  it('names the missing preprocessor config', async () => {
    await expect(AltCLIPProcessor.fromFiles(async () => null, { name: 'empty-folder' })).rejects.toThrow(/empty-folder\/preprocessor_config\.json/);
  });
});
