import { describe, expect, it } from 'vitest';
import { ImageDecodeError } from '../../errors/ImageDecodeError.js';
import { ImageTooLargeError } from '../../errors/ImageTooLargeError.js';
import { InvalidImageError } from '../../errors/InvalidImageError.js';
import { ProcessorInputError } from '../../errors/ProcessorInputError.js';
import { deflate, deflatedZeros, gifWithFrameAt, jpegHeaderOnly, pngFile, webpVp8x } from '../../test-support/hostileImages.js';
import { CLIPImageProcessor } from '../CLIPImageProcessor.js';
import { decodeImageBytes } from './decodeImageBytes.js';
import { decodeGif } from './gif/decodeGif.js';
import { decodeJpeg } from './jpeg/decodeJpeg.js';
import { loadImage } from './loadImage.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from './pixelLimit.js';
import { decodePng } from './png/decodePng.js';
import { decodeWithSharp } from './sharp/decodeWithSharp.js';
import { loadSharp } from './sharp/loadSharp.js';

// Issue #16 item 2: sizes are checked from the header before anything is allocated, on every decoder path,
// with PIL's default (DecompressionBombError above 2 × MAX_IMAGE_PIXELS), and every size problem is typed.
// This file runs in its own worker process, so its peak RSS growth bounds what the bombs cost.
const rssAtStart = process.resourceUsage().maxRSS * 1024;

describe('maxPixels: PIL’s DecompressionBombError threshold', () => {
  it('defaults to 2 × 89,478,485 and refuses strictly more, as Image._decompression_bomb_check', () => {
    expect(DEFAULT_MAX_PIXELS).toBe(2 * 89_478_485);
    expect(() => checkPixelLimit(DEFAULT_MAX_PIXELS, 1, DEFAULT_MAX_PIXELS, 'x')).not.toThrow();
    expect(() => checkPixelLimit(DEFAULT_MAX_PIXELS + 1, 1, DEFAULT_MAX_PIXELS, 'x')).toThrow(ImageTooLargeError);
    expect(() => checkPixelLimit(13_378, 13_377, DEFAULT_MAX_PIXELS, 'x')).toThrow(/178956970/);
  });

  it('is a loadImage / process option; bad values are a typed argument error', async () => {
    const png = pngFile(10, 11, 8, 0, await deflate(new Uint8Array(11 * 11)));
    await expect(loadImage(png, { maxPixels: 110 })).resolves.toMatchObject({ width: 10, height: 11 });
    const refused = loadImage(png, { maxPixels: 109 });
    await expect(refused).rejects.toThrow(ImageTooLargeError);
    await expect(loadImage(png, { maxPixels: 109 })).rejects.toThrow(/10x11 \(110 pixels\) exceeds the limit of 109 pixels/);
    await expect(loadImage(png, { maxPixels: 0 })).rejects.toThrow(ProcessorInputError);
    await expect(loadImage(png, { maxPixels: Number.NaN })).rejects.toThrow(ProcessorInputError);
    const ip = CLIPImageProcessor.fromDict({});
    await expect(ip.process(png, { maxPixels: 109 })).rejects.toThrow(ImageTooLargeError);
    // ImageTooLargeError is an InvalidImageError, so existing handlers keep catching it.
    await expect(loadImage(png, { maxPixels: 109 })).rejects.toThrow(InvalidImageError);
  });
});

describe('decompression bombs are refused from the header, on every decoder', () => {
  it('PNG 100,000 × 100,000 with a 64 MB (zeros) IDAT: refused before inflating', async () => {
    const bomb = pngFile(100_000, 100_000, 8, 6, await deflatedZeros(64 << 20));
    expect(bomb.length).toBeLessThan(1 << 20);
    await expect(loadImage(bomb)).rejects.toThrow(ImageTooLargeError);
    await expect(decodePng(bomb, 'bomb.png')).rejects.toThrow(ImageTooLargeError);
  });

  it('PNG width 2^31 (over the PNG maximum): typed, never a raw RangeError', async () => {
    const png = pngFile(2 ** 31, 1, 8, 0, await deflate(new Uint8Array(2)));
    await expect(loadImage(png)).rejects.toThrow(ImageTooLargeError);
    await expect(loadImage(png, { maxPixels: Number.POSITIVE_INFINITY })).rejects.toThrow(ImageTooLargeError);
    await expect(decodePng(png, 'wide.png', Number.POSITIVE_INFINITY)).rejects.toThrow(ImageDecodeError);
    await expect(decodePng(png, 'wide.png', Number.POSITIVE_INFINITY)).rejects.toThrow(/exceeds the PNG maximum/);
    const max = pngFile(2 ** 31 - 1, 1, 8, 0, await deflate(new Uint8Array(2)));
    await expect(loadImage(max)).rejects.toThrow(ImageTooLargeError);
    // Limit disabled: the short IDAT is found before any 2 GB buffer is allocated.
    await expect(loadImage(max, { maxPixels: Number.POSITIVE_INFINITY })).rejects.toThrow(/truncated PNG/);
  });

  it('CMYK JPEG header declaring 20,000 × 20,000 (a few hundred bytes): refused by every JPEG path', async () => {
    const bomb = jpegHeaderOnly(20_000, 20_000, 4);
    expect(bomb.length).toBeLessThan(200);
    for (const jpegDecoder of ['auto', 'js', 'sharp'] as const) {
      await expect(loadImage(bomb, { jpegDecoder })).rejects.toThrow(ImageTooLargeError);
    }
    expect(() => decodeJpeg(bomb, 'bomb.jpg')).toThrow(ImageTooLargeError);
    const sharp = await loadSharp();
    if (!sharp) throw new Error('sharp must load in the Node tests');
    await expect(decodeWithSharp(sharp, jpegHeaderOnly(16_000, 16_000, 3), 'bomb.jpg')).rejects.toThrow(ImageTooLargeError);
  });

  it('JPEG 16,000 × 16,000 (PIL refuses it too)', async () => {
    await expect(loadImage(jpegHeaderOnly(16_000, 16_000, 3))).rejects.toThrow(ImageTooLargeError);
    await expect(loadImage(jpegHeaderOnly(16_000, 16_000, 3), { jpegDecoder: 'js' })).rejects.toThrow(/256000000 pixels/);
  });

  it('GIF whose frame descriptor grows the canvas to 65,536 × 65,536 (PIL grows it too)', async () => {
    const bomb = gifWithFrameAt(65_535, 65_535);
    await expect(loadImage(bomb)).rejects.toThrow(ImageTooLargeError);
    expect(() => decodeGif(bomb, 'bomb.gif')).toThrow(ImageTooLargeError);
    // A small one decodes: 3 × 2 canvas, frame pixel at (2, 1).
    const small = decodeGif(gifWithFrameAt(2, 1), 'small.gif');
    expect([small.width, small.height]).toEqual([3, 2]);
  });

  it('WebP VP8X canvas 16,384 × 16,384: refused before sharp or a browser sees it', async () => {
    await expect(decodeImageBytes(webpVp8x(16_384, 16_384), 'bomb.webp')).rejects.toThrow(ImageTooLargeError);
  });

  it('PNG within the limit whose IDAT inflates to 64 MB (16× the image): inflate stops at the image size', async () => {
    const bomb = pngFile(2000, 2000, 8, 0, await deflatedZeros(64 << 20));
    const rgb = await loadImage(bomb);
    expect([rgb.width, rgb.height]).toEqual([2000, 2000]);
    expect(rgb.data.every((v) => v === 0)).toBe(true);
  });

  it('all of the above cost less than 200 MB of peak RSS in this process', () => {
    const grown = process.resourceUsage().maxRSS * 1024 - rssAtStart;
    console.log(`[bombs] peak RSS grew by ${(grown / 2 ** 20).toFixed(1)} MB`);
    expect(grown).toBeLessThan(200 * 2 ** 20);
  });
});
