import { beforeAll, describe, expect, it } from 'vitest';
import { expectedJson, expectedTensor, FIXTURE_IMAGES, fixtureUrl } from '../test-support/fixture.js';
import { levelAgreement, maxAbsDiff, rgbFromTensor, uint8FromPixelValues } from '../test-support/pixelChecks.js';
import { CLIPImageProcessor } from './CLIPImageProcessor.js';
import type { CLIPImageProcessorDict } from './config/CLIPImageProcessorConfig.js';

const PNGS = FIXTURE_IMAGES.filter((f) => f.endsWith('.png'));
const JPEGS = FIXTURE_IMAGES.filter((f) => f.endsWith('.jpg'));

let fixtureProcessor: CLIPImageProcessor;
let baaiProcessor: CLIPImageProcessor;

beforeAll(async () => {
  fixtureProcessor = await CLIPImageProcessor.fromPretrained(fixtureUrl('').href);
  const json = await expectedJson();
  baaiProcessor = CLIPImageProcessor.fromDict(json.conventions.baai224_preprocessor as CLIPImageProcessorDict);
});

const configs = [
  ['fixture config (30)', 'image/pixel_values', () => fixtureProcessor],
  ['BAAI 224 config', 'image/pixel_values_baai224', () => baaiProcessor],
] as const;

describe.each(configs)('CLIPImageProcessor with the %s', (_label, prefix, processor) => {
  // Decoding is tested separately: here the input is PIL's own decoded RGB, so this isolates resize/crop/normalize.
  it.each(FIXTURE_IMAGES)('%s: uint8 resize+crop equals PIL and pixel_values are within 1e-6', async (file) => {
    const rgb = rgbFromTensor(await expectedTensor(`image/decoded_rgb/${file}`));
    const expected = await expectedTensor(`${prefix}/${file}`);
    const out = processor().preprocess(rgb);
    expect([1, ...out.dims]).toEqual(expected.shape);
    const expectedU8 = uint8FromPixelValues(expected.data as Float32Array, 3, processor().config);
    const ours = uint8FromPixelValues(out.data, 3, processor().config);
    expect(levelAgreement(ours, expectedU8)).toEqual({ maxDiff: 0, differing: 0, share: 0 });
    expect(maxAbsDiff(out.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });

  it.each(PNGS)('%s: from the PNG file, pixel_values within 1e-6', async (file) => {
    const expected = await expectedTensor(`${prefix}/${file}`);
    const { pixelValues } = await processor().process(fixtureUrl(`images/${file}`));
    expect(pixelValues.dims).toEqual(expected.shape);
    expect(maxAbsDiff(pixelValues.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });

  // The acceptance bar for JPEG is 2 uint8 levels; both decoders reproduce libjpeg-turbo exactly, so the
  // pipeline is held to the PNG bar.
  it.each(JPEGS.flatMap((f) => [[f, 'sharp'], [f, 'js']] as const))('%s: from the JPEG file (%s decoder), pixel_values within 1e-6', async (file, jpegDecoder) => {
    const expected = await expectedTensor(`${prefix}/${file}`);
    const { pixelValues } = await processor().process(fixtureUrl(`images/${file}`), { jpegDecoder });
    expect(pixelValues.dims).toEqual(expected.shape);
    expect(maxAbsDiff(pixelValues.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });

  it('EXIF-transposed variant (applyExifOrientation) matches load_image()', async () => {
    const file = 'exif_orient6_80x50.jpg';
    const expected = await expectedTensor(`${prefix}_exif_transposed/${file}`);
    const rgb = rgbFromTensor(await expectedTensor(`image/decoded_rgb_exif_transposed/${file}`));
    const fromDecoded = processor().preprocess(rgb);
    expect(maxAbsDiff(fromDecoded.data, expected.data)).toBeLessThanOrEqual(1e-6);
    for (const jpegDecoder of ['sharp', 'js'] as const) {
      const { pixelValues } = await processor().process(fixtureUrl(`images/${file}`), { applyExifOrientation: true, jpegDecoder });
      expect(pixelValues.dims).toEqual(expected.shape);
      expect(maxAbsDiff(pixelValues.data, expected.data)).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('CLIPImageProcessor batch', () => {
  it('matches image/pixel_values_batch within 1e-6 (every row, JPEG included)', async () => {
    const expected = await expectedTensor('image/pixel_values_batch');
    const { pixelValues } = await fixtureProcessor.process(FIXTURE_IMAGES.map((f) => fixtureUrl(`images/${f}`)));
    expect(pixelValues.dims).toEqual(expected.shape);
    expect(pixelValues.dtype).toBe('float32');
    const size = 3 * 30 * 30;
    FIXTURE_IMAGES.forEach((file, i) => {
      const ours = pixelValues.data.subarray(i * size, (i + 1) * size);
      const theirs = (expected.data as Float32Array).subarray(i * size, (i + 1) * size);
      expect(maxAbsDiff(ours, theirs), file).toBeLessThanOrEqual(1e-6);
    });
  });
});
