import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { convertToRgb } from '../../color/convertToRgb.js';
import { decodePng } from './decodePng.js';

// PNG variants the fixture does not contain, written by sharp (libspng/libpng) and read back by sharp as the
// independent reference for the samples; PIL's mode mapping (high byte for 16-bit colour, etc.) is applied
// to the reference by hand.
function noise(width: number, height: number, channels: 1 | 2 | 3 | 4, seed = 1): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

async function encode(data: Uint8Array, width: number, height: number, channels: 1 | 2 | 3 | 4, png: import('sharp').PngOptions) {
  return new Uint8Array(await sharp(data, { raw: { width, height, channels } }).png(png).toBuffer());
}

describe('decodePng beyond the fixture', () => {
  it('Adam7-interlaced RGB equals the non-interlaced samples', async () => {
    const data = noise(37, 23, 3);
    const interlaced = await decodePng(await encode(data, 37, 23, 3, { progressive: true }), 'interlaced.png');
    expect(interlaced.mode).toBe('RGB');
    expect(Array.from(interlaced.data)).toEqual(Array.from(data));
  });

  it('gray+alpha (LA) drops alpha on convert(RGB) without compositing', async () => {
    const data = noise(9, 7, 2);
    const decoded = await decodePng(await encode(data, 9, 7, 2, {}), 'la.png');
    expect(decoded.mode).toBe('LA');
    const rgb = convertToRgb(decoded);
    for (let i = 0; i < 63; i++) expect([rgb.data[i * 3], rgb.data[i * 3 + 1], rgb.data[i * 3 + 2]]).toEqual([data[i * 2], data[i * 2], data[i * 2]]);
  });

  it('16-bit RGB keeps the high byte (PIL rawmode RGB;16B)', async () => {
    const data = noise(8, 5, 3);
    const bytes = new Uint8Array(await sharp(data, { raw: { width: 8, height: 5, channels: 3 } }).toColourspace('rgb16').png().toBuffer());
    const decoded = await decodePng(bytes, 'rgb16.png');
    const reference = await sharp(bytes).raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
    const ref16 = new Uint16Array(reference.data.buffer, reference.data.byteOffset, reference.data.byteLength / 2);
    expect(decoded.mode).toBe('RGB');
    expect(Array.from(decoded.data)).toEqual(Array.from(ref16, (v) => v >> 8));
  });

  it('palette PNGs (1, 2, 4, 8 bit) look up the palette', async () => {
    for (const colours of [2, 4, 16, 200]) {
      const data = noise(13, 11, 3, colours);
      const bytes = await encode(data, 13, 11, 3, { palette: true, colours, dither: 0 });
      const decoded = await decodePng(bytes, 'p.png');
      expect(decoded.mode).toBe('P');
      const reference = await sharp(bytes).removeAlpha().raw().toBuffer();
      expect(Array.from(convertToRgb(decoded).data)).toEqual(Array.from(reference));
    }
  });

  it('1-bit grayscale opens as mode 1 with 0/255', async () => {
    const data = noise(17, 3, 1).map((v) => (v > 127 ? 255 : 0));
    const bytes = new Uint8Array(await sharp(data, { raw: { width: 17, height: 3, channels: 1 } }).png({ palette: false }).toColourspace('b-w').toBuffer());
    const decoded = await decodePng(bytes, 'bw.png');
    const reference = await sharp(bytes).raw().toBuffer();
    expect(Array.from(convertToRgb(decoded).data.filter((_, i) => i % 3 === 0))).toEqual(Array.from(reference.filter((_, i) => i % (reference.length / 51) === 0)));
  });
});
