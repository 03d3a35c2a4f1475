import { describe, expect, it } from 'vitest';
import { ImageTooLargeError } from '../../errors/ImageTooLargeError.js';
import { deflatedZeros, jpegHeaderOnly, pngFile, webpVp8x } from '../../test-support/hostileImages.js';
import { decodeWithBrowser } from './browser/decodeWithBrowser.js';
import { loadImage } from './loadImage.js';

// The size limit in Chromium: the header is checked before createImageBitmap or a canvas sees the bytes,
// and the decoded size again before the canvas is allocated.
describe('browser: maxPixels', () => {
  it('bombs are refused from the header (PNG, JPEG on both decoders, WebP)', async () => {
    await expect(loadImage(pngFile(100_000, 100_000, 8, 6, await deflatedZeros(1 << 20)))).rejects.toThrow(ImageTooLargeError);
    await expect(loadImage(jpegHeaderOnly(20_000, 20_000, 4))).rejects.toThrow(ImageTooLargeError);
    await expect(loadImage(jpegHeaderOnly(16_000, 16_000, 3), { jpegDecoder: 'browser' })).rejects.toThrow(ImageTooLargeError);
    await expect(loadImage(webpVp8x(16_384, 16_384))).rejects.toThrow(ImageTooLargeError);
  });

  it('the browser decoder checks the decoded size before drawing', async () => {
    const png = pngFile(10, 11, 8, 0, await deflatedZeros(11 * 11));
    await expect(decodeWithBrowser(png, 'small.png', 109)).rejects.toThrow(ImageTooLargeError);
    await expect(decodeWithBrowser(png, 'small.png', 110)).resolves.toMatchObject({ width: 10, height: 11 });
  });
});
