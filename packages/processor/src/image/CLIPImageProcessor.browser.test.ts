import { beforeAll, describe, expect, it } from 'vitest';
import { expectedJson, expectedTensor, FIXTURE_IMAGES, fixtureBytes, fixtureUrl } from '../test-support/fixture.js';
import { levelAgreement, maxAbsDiff, rgbFromTensor, uint8FromPixelValues } from '../test-support/pixelChecks.js';
import { CLIPImageProcessor } from './CLIPImageProcessor.js';
import { convertToRgb } from './color/convertToRgb.js';
import type { CLIPImageProcessorDict } from './config/CLIPImageProcessorConfig.js';
import { decodeImageBytes } from './decode/decodeImageBytes.js';

// The same pixel checks as the Node tests, in headless Chromium: resize/crop/normalize are plain TypeScript,
// PNG and JPEG go through this package's own decoders (the default without sharp).
const PNGS = FIXTURE_IMAGES.filter((f) => f.endsWith('.png'));
const JPEGS = FIXTURE_IMAGES.filter((f) => f.endsWith('.jpg'));

let fixtureProcessor: CLIPImageProcessor;
let baaiProcessor: CLIPImageProcessor;

beforeAll(async () => {
  fixtureProcessor = await CLIPImageProcessor.fromPretrained(fixtureUrl('').href);
  const json = await expectedJson();
  baaiProcessor = CLIPImageProcessor.fromDict(json.conventions.baai224_preprocessor as CLIPImageProcessorDict);
});

describe.each([
  ['fixture config (30)', 'image/pixel_values', () => fixtureProcessor],
  ['BAAI 224 config', 'image/pixel_values_baai224', () => baaiProcessor],
] as const)('browser: CLIPImageProcessor with the %s', (_label, prefix, processor) => {
  it.each(FIXTURE_IMAGES)('%s: from PIL-decoded RGB, uint8 equal and pixel_values within 1e-6', async (file) => {
    const rgb = rgbFromTensor(await expectedTensor(`image/decoded_rgb/${file}`));
    const expected = await expectedTensor(`${prefix}/${file}`);
    const out = processor().preprocess(rgb);
    const cfg = processor().config;
    expect(levelAgreement(uint8FromPixelValues(out.data, 3, cfg), uint8FromPixelValues(expected.data as Float32Array, 3, cfg)).differing).toBe(0);
    expect(maxAbsDiff(out.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });

  it.each(PNGS)('%s: from the PNG file, pixel_values within 1e-6', async (file) => {
    const expected = await expectedTensor(`${prefix}/${file}`);
    const { pixelValues } = await processor().process(fixtureUrl(`images/${file}`));
    expect(pixelValues.dims).toEqual(expected.shape);
    expect(maxAbsDiff(pixelValues.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });

  it.each(JPEGS)('%s: from the JPEG file, pixel_values within 1e-6 (acceptance bar: 2 levels)', async (file) => {
    const expected = await expectedTensor(`${prefix}/${file}`);
    const { pixelValues } = await processor().process(fixtureUrl(`images/${file}`));
    expect(maxAbsDiff(pixelValues.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });

  it('EXIF-transposed variant (applyExifOrientation)', async () => {
    const file = 'exif_orient6_80x50.jpg';
    const expected = await expectedTensor(`${prefix}_exif_transposed/${file}`);
    const { pixelValues } = await processor().process(fixtureUrl(`images/${file}`), { applyExifOrientation: true });
    expect(pixelValues.dims).toEqual(expected.shape);
    expect(maxAbsDiff(pixelValues.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });
});

describe('browser: batch', () => {
  it('matches image/pixel_values_batch within 1e-6', async () => {
    const expected = await expectedTensor('image/pixel_values_batch');
    const { pixelValues } = await fixtureProcessor.process(FIXTURE_IMAGES.map((f) => fixtureUrl(`images/${f}`)));
    expect(pixelValues.dims).toEqual(expected.shape);
    expect(maxAbsDiff(pixelValues.data, expected.data)).toBeLessThanOrEqual(1e-6);
  });
});

describe('browser: decoding', () => {
  it.each(PNGS)('%s: PNG decoder gives exactly PIL’s RGB', async (file) => {
    const expected = await expectedTensor(`image/decoded_rgb/${file}`);
    const rgb = convertToRgb(await decodeImageBytes(await fixtureBytes(`images/${file}`), file));
    expect(levelAgreement(rgb.data, expected.data as Uint8Array).differing).toBe(0);
  });

  // Printed figures go to the README's decoder table.
  it.each(JPEGS)('%s: the TypeScript and the browser JPEG decoders agree with PIL', async (file) => {
    const expected = (await expectedTensor(`image/decoded_rgb/${file}`)).data as Uint8Array;
    const bytes = await fixtureBytes(`images/${file}`);
    const browser = levelAgreement(convertToRgb(await decodeImageBytes(bytes, file, 'browser')).data, expected);
    const js = levelAgreement(convertToRgb(await decodeImageBytes(bytes, file, 'js')).data, expected);
    console.log(`[browser jpeg agreement] ${file} browser=${JSON.stringify(browser)} js=${JSON.stringify(js)}`);
    expect(js).toEqual({ maxDiff: 0, differing: 0, share: 0 });
    // Chromium decodes with libjpeg-turbo too; other browsers' codecs may not, so only a bound is asserted.
    expect(browser.maxDiff).toBeLessThanOrEqual(2);
  });

  it('Blob and HTMLImageElement inputs', async () => {
    const { loadImage } = await import('./decode/loadImage.js');
    for (const file of ['chelsea.png', 'chelsea.jpg']) {
      const expected = (await expectedTensor(`image/decoded_rgb/${file}`)).data as Uint8Array;
      const blob = new Blob([(await fixtureBytes(`images/${file}`)) as Uint8Array<ArrayBuffer>]);
      expect(levelAgreement((await loadImage(blob)).data, expected).differing, file).toBe(0);
    }
    // An <img> is decoded by the browser and read back through a canvas: exact for this opaque PNG.
    const img = new Image();
    img.src = fixtureUrl('images/exact_30x30.png').href;
    await img.decode();
    const expected = (await expectedTensor('image/decoded_rgb/exact_30x30.png')).data as Uint8Array;
    expect(levelAgreement((await loadImage(img)).data, expected).differing).toBe(0);
  });

  it('ImageData and canvas inputs give the raw RGBA pixels (alpha dropped)', async () => {
    const rgba = new Uint8ClampedArray(4 * 3 * 2).map((_, i) => (i % 4 === 3 ? 255 : (i * 23) % 256));
    const imageData = new ImageData(rgba, 3, 2);
    const { loadImage } = await import('./decode/loadImage.js');
    const fromImageData = await loadImage(imageData);
    const expected = Array.from(rgba).filter((_, i) => i % 4 !== 3);
    expect(Array.from(fromImageData.data)).toEqual(expected);
    const canvas = new OffscreenCanvas(3, 2);
    canvas.getContext('2d')?.putImageData(imageData, 0, 0);
    expect(Array.from((await loadImage(canvas)).data)).toEqual(expected);
    const bitmap = await createImageBitmap(imageData);
    expect(Array.from((await loadImage(bitmap)).data)).toEqual(expected);
  });
});
