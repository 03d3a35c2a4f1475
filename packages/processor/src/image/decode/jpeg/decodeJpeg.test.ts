import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';
import { decodeJpeg } from './decodeJpeg.js';

// JPEG variants the fixture lacks, encoded by sharp (mozjpeg) and decoded by sharp's libjpeg-turbo as the
// reference: on the fixture's JPEGs sharp's decode equals PIL's value for value (decodeAgreement.test.ts).
function testImage(width: number, height: number, channels: 1 | 3): Uint8Array {
  const out = new Uint8Array(width * height * channels);
  let s = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        s = (s * 1103515245 + 12345) >>> 0;
        // Smooth gradients plus noise: exercises both DC prediction and many AC coefficients.
        out[(y * width + x) * channels + c] = (x * 3 + y * 2 + c * 60 + (s >>> 27)) & 255;
      }
    }
  }
  return out;
}

async function check(width: number, height: number, channels: 1 | 3, jpeg: import('sharp').JpegOptions) {
  let pipeline = sharp(testImage(width, height, channels), { raw: { width, height, channels } });
  if (channels === 1) pipeline = pipeline.toColourspace('b-w');
  const bytes = new Uint8Array(await pipeline.jpeg(jpeg).toBuffer());
  const reference = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const ours = decodeJpeg(bytes, 'test.jpg');
  expect(ours.mode).toBe(channels === 1 ? 'L' : 'RGB');
  expect([ours.width, ours.height]).toEqual([reference.info.width, reference.info.height]);
  // sharp hands grayscale JPEGs back as 3 identical channels.
  const step = reference.info.channels / (channels === 1 ? 1 : 3);
  let differing = 0;
  for (let i = 0; i < ours.data.length; i++) if (ours.data[i] !== reference.data[i * step]) differing++;
  expect(differing).toBe(0);
}

describe('decodeJpeg equals libjpeg-turbo', () => {
  it('baseline 4:2:0, odd size', () => check(67, 45, 3, { quality: 85 }));
  it('baseline 4:4:4', () => check(50, 33, 3, { quality: 90, chromaSubsampling: '4:4:4' }));
  it('progressive 4:2:0 (spectral selection + successive approximation)', () => check(71, 39, 3, { quality: 80, progressive: true }));
  it('progressive 4:4:4 with optimised scans', () => check(40, 41, 3, { quality: 95, progressive: true, chromaSubsampling: '4:4:4', optimiseScans: true }));
  it('grayscale baseline and progressive', async () => {
    await check(33, 17, 1, { quality: 75 });
    await check(33, 17, 1, { quality: 75, progressive: true });
  });
  it('tiny images (component width ≤ 2 uses box upsampling)', () => check(3, 2, 3, { quality: 90 }));

  it('CMYK (Adobe) JPEG: PIL-style inverted CMYK, same as libvips reads it', async () => {
    const rgb = testImage(40, 30, 3);
    const bytes = new Uint8Array(await sharp(rgb, { raw: { width: 40, height: 30, channels: 3 } }).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer());
    const ours = decodeJpeg(bytes, 'cmyk.jpg');
    const reference = await sharp(bytes).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
    expect(ours.mode).toBe('CMYK');
    expect(Array.from(ours.data)).toEqual(Array.from(reference));
  });

  it('truncated data is an error, not zero-filled pixels', async () => {
    const bytes = new Uint8Array(await sharp(testImage(64, 64, 3), { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toBuffer());
    expect(() => decodeJpeg(bytes.subarray(0, bytes.length >> 1), 'half.jpg')).toThrow(ImageDecodeError);
    expect(() => decodeJpeg(bytes.subarray(0, bytes.length >> 1), 'half.jpg')).toThrow(/half\.jpg: truncated/);
  });
});
