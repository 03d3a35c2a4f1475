import { describe, expect, it } from 'vitest';
import { expectedTensor, FIXTURE_IMAGES, fixtureBytes } from '../../test-support/fixture.js';
import { levelAgreement } from '../../test-support/pixelChecks.js';
import { convertToRgb } from '../color/convertToRgb.js';
import { decodeImageBytes } from './decodeImageBytes.js';

const PNGS = FIXTURE_IMAGES.filter((f) => f.endsWith('.png'));
const JPEGS = FIXTURE_IMAGES.filter((f) => f.endsWith('.jpg'));

describe('decoding + convert(RGB) against PIL (image/decoded_rgb)', () => {
  it.each(PNGS)('%s: the PNG decoder gives exactly PIL’s RGB', async (file) => {
    const expected = await expectedTensor(`image/decoded_rgb/${file}`);
    const rgb = convertToRgb(await decodeImageBytes(await fixtureBytes(`images/${file}`), file));
    expect([rgb.height, rgb.width, 3]).toEqual(expected.shape);
    expect(levelAgreement(rgb.data, expected.data as Uint8Array).differing).toBe(0);
  });

  // The figures printed here are the ones in the README's decoder table.
  it.each(JPEGS)('%s: sharp and the TypeScript JPEG decoder give exactly PIL’s RGB', async (file) => {
    const expected = (await expectedTensor(`image/decoded_rgb/${file}`)).data as Uint8Array;
    const bytes = await fixtureBytes(`images/${file}`);
    const sharp = levelAgreement(convertToRgb(await decodeImageBytes(bytes, file, 'sharp')).data, expected);
    const js = levelAgreement(convertToRgb(await decodeImageBytes(bytes, file, 'js')).data, expected);
    console.log(`[jpeg agreement] ${file} sharp=${JSON.stringify(sharp)} js=${JSON.stringify(js)}`);
    expect(sharp).toEqual({ maxDiff: 0, differing: 0, share: 0 });
    expect(js).toEqual({ maxDiff: 0, differing: 0, share: 0 });
  });
});
