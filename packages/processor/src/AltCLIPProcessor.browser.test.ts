import { describe, expect, it } from 'vitest';
import { AltCLIPProcessor } from './AltCLIPProcessor.js';
import { expectedJson, expectedTensor, FIXTURE_IMAGES, fixtureUrl } from './test-support/fixture.js';
import { maxAbsDiff } from './test-support/pixelChecks.js';

describe('browser: AltCLIPProcessor over HTTP', () => {
  it('fromPretrained(URL) and one call give the fixture’s ids, mask and pixel values', async () => {
    const processor = await AltCLIPProcessor.fromPretrained(fixtureUrl('').href, { prefer: 'slow' });
    const { texts } = await expectedJson();
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
    expect(maxAbsDiff(pixelValues.data, pixels.data as Float32Array)).toBeLessThanOrEqual(1e-6);
  });
});
