import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { convertToRgb } from '../../color/convertToRgb.js';
import { crc32 } from './crc32.js';
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
    const bytes = new Uint8Array(await sharp(data, { raw: { width: 9, height: 7, channels: 2 } }).toColourspace('b-w').png().toBuffer());
    const decoded = await decodePng(bytes, 'la.png');
    expect(decoded.mode).toBe('LA');
    const rgb = convertToRgb(decoded);
    for (let i = 0; i < 63; i++) expect([rgb.data[i * 3], rgb.data[i * 3 + 1], rgb.data[i * 3 + 2]]).toEqual([data[i * 2], data[i * 2], data[i * 2]]);
  });

  it('16-bit RGB keeps the high byte (PIL rawmode RGB;16B)', async () => {
    const data = noise(8, 5, 3);
    const bytes = new Uint8Array(await sharp(data, { raw: { width: 8, height: 5, channels: 3 } }).toColourspace('rgb16').png().toBuffer());
    const decoded = await decodePng(bytes, 'rgb16.png');
    // sharp widens 8-bit v to 16-bit v * 256 (+ v) when writing, so the high byte is v again.
    expect(bytes[24]).toBe(16);
    expect(decoded.mode).toBe('RGB');
    expect(Array.from(decoded.data)).toEqual(Array.from(data));
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

  it('1/2/4-bit and 16-bit grayscale open as PIL modes 1, L (scaled by 255/(2^d-1)) and I (clipped on convert)', () => {
    // Hand-built PNGs: one row of samples, filter 0, so the expected values follow directly from the bits.
    const cases: Array<[number, number[], number[]]> = [
      [1, [0b10110000], [255, 0, 255, 255]],
      [2, [0b00011011], [0, 85, 170, 255]],
      [4, [0x0f, 0x83], [0, 255, 136, 51]],
    ];
    return Promise.all(
      cases.map(async ([depth, row, expected]) => {
        const decoded = await decodePng(buildPng(4, 1, depth, 0, [0, ...row]), `gray${depth}.png`);
        expect(decoded.mode).toBe(depth === 1 ? '1' : 'L');
        expect(Array.from(decoded.data)).toEqual(expected);
      }),
    ).then(async () => {
      const decoded = await decodePng(buildPng(3, 1, 16, 0, [0, 0x00, 0x07, 0x01, 0x00, 0xff, 0xff]), 'gray16.png');
      expect(decoded.mode).toBe('I');
      expect(Array.from(decoded.data)).toEqual([7, 256, 65535]);
      expect(Array.from(convertToRgb(decoded).data)).toEqual([7, 7, 7, 255, 255, 255, 255, 255, 255]);
    });
  });

  it('16-bit gray+alpha opens as RGBA from the high bytes (PIL rawmode LA;16B)', async () => {
    const decoded = await decodePng(buildPng(1, 1, 16, 4, [0, 0x12, 0x34, 0x56, 0x78]), 'la16.png');
    expect(decoded.mode).toBe('RGBA');
    expect(Array.from(decoded.data)).toEqual([0x12, 0x12, 0x12, 0x56]);
  });
});

function buildPng(width: number, height: number, depth: number, colorType: number, scanlines: number[]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([depth, colorType, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(scanlines)))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
