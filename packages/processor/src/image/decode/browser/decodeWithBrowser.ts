import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';
import { UnsupportedImageFormatError } from '../../../errors/UnsupportedImageFormatError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from '../pixelLimit.js';
import { sniffFormat } from '../sniffFormat.js';
import { readBitmapUnpremultiplied } from './readBitmapUnpremultiplied.js';
import { readCanvasPixels } from './readCanvasPixels.js';

/**
 * Decodes encoded bytes with the browser's own codecs (`createImageBitmap`), asking for no colour-space
 * conversion (embedded ICC profiles are ignored, as PIL does), no premultiplication and no EXIF rotation, so
 * orientation stays under this package's control. Pixels are read back through WebGL2 where there is one
 * (unpremultiplied, exact under alpha), else through a 2D canvas. The caller has checked the header's size;
 * the decoded size is checked again before anything is allocated for it.
 */
export async function decodeWithBrowser(bytes: Uint8Array, source: string, maxPixels = DEFAULT_MAX_PIXELS): Promise<DecodedImage> {
  if (typeof createImageBitmap === 'undefined') {
    throw new UnsupportedImageFormatError(source, 'no image decoder for this format here (sharp did not load and createImageBitmap is unavailable)');
  }
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
      imageOrientation: 'none' as ImageOrientation,
    });
  } catch (cause) {
    throw new ImageDecodeError(source, `the browser cannot decode these bytes (${(cause as Error).message})`, { cause });
  }
  try {
    checkPixelLimit(bitmap.width, bitmap.height, maxPixels, source);
    // JPEG has no alpha, so the canvas is exact for it; other formats may carry alpha, whose colours only
    // survive the WebGL read-back.
    if (sniffFormat(bytes) !== 'jpeg') {
      const rgba = readBitmapUnpremultiplied(bitmap);
      if (rgba) return { mode: 'RGBA', width: bitmap.width, height: bitmap.height, data: rgba };
    }
    return readCanvasPixels(bitmap, source, maxPixels);
  } finally {
    bitmap.close();
  }
}
