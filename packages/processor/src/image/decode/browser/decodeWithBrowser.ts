import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';
import { UnsupportedImageFormatError } from '../../../errors/UnsupportedImageFormatError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { DEFAULT_MAX_PIXELS } from '../pixelLimit.js';
import { readCanvasPixels } from './readCanvasPixels.js';

/**
 * Decodes encoded bytes with the browser's own codecs (`createImageBitmap`), asking for no colour-space
 * conversion (embedded ICC profiles are ignored, as PIL does), no premultiplication and no EXIF rotation, so
 * orientation stays under this package's control. The caller has checked the header's size; the decoded
 * size is checked again before the canvas is allocated, for formats whose header is not parsed here.
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
    return readCanvasPixels(bitmap, source, maxPixels);
  } finally {
    bitmap.close();
  }
}
