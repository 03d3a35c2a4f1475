import { ImageTooLargeError } from '../../errors/ImageTooLargeError.js';
import { InvalidImageError } from '../../errors/InvalidImageError.js';
import { UnsupportedImageFormatError } from '../../errors/UnsupportedImageFormatError.js';
import type { DecodedImage } from '../DecodedImage.js';
import { decodeWithBrowser } from './browser/decodeWithBrowser.js';
import { decodeGif } from './gif/decodeGif.js';
import type { JpegDecoderChoice } from './ImageInput.js';
import { decodeJpeg } from './jpeg/decodeJpeg.js';
import { readJpegComponentCount } from './jpeg/readJpegComponentCount.js';
import { readJpegExifOrientation, withoutJpegOrientation } from './jpeg/readJpegExifOrientation.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from './pixelLimit.js';
import { decodePng } from './png/decodePng.js';
import { readImageSize } from './readImageSize.js';
import { decodeWithSharp } from './sharp/decodeWithSharp.js';
import { loadSharp } from './sharp/loadSharp.js';
import { type ImageFormat, sniffFormat } from './sniffFormat.js';

/**
 * Decodes an encoded image file into PIL's mode for it, picking the decoder by magic bytes: PNG and GIF →
 * this package's decoders (PIL's modes and samples); JPEG → sharp where it loads, else this package's
 * libjpeg-turbo-exact decoder (or the browser's, on request); WebP/others → sharp, else the browser's codecs.
 * The size the header declares is checked against `maxPixels` first, whichever decoder runs.
 */
export async function decodeImageBytes(
  bytes: Uint8Array,
  source: string,
  jpegDecoder: JpegDecoderChoice = 'auto',
  maxPixels: number = DEFAULT_MAX_PIXELS,
): Promise<DecodedImage> {
  if (bytes.length === 0) throw new InvalidImageError(`${source}: empty file (0 bytes)`);
  const format = sniffFormat(bytes);
  if (format === 'unknown') {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new UnsupportedImageFormatError(source, `unrecognised image format (first bytes: ${head}); expected PNG, JPEG, WebP or GIF`);
  }
  const size = readImageSize(bytes, format, source);
  if (size) checkPixelLimit(size.width, size.height, maxPixels, source);
  try {
    return await decodeFormat(bytes, source, format, jpegDecoder, maxPixels);
  } catch (cause) {
    // With the limit raised or disabled, a size can still exceed what this runtime can allocate: report it
    // as the size problem it is rather than as V8's raw RangeError.
    if (cause instanceof RangeError) {
      const { width = 0, height = 0 } = size ?? {};
      throw new ImageTooLargeError(source, width, height, maxPixels, `cannot allocate the decoded image (${width}x${height}): ${cause.message}`);
    }
    throw cause;
  }
}

async function decodeFormat(bytes: Uint8Array, source: string, format: ImageFormat, jpegDecoder: JpegDecoderChoice, maxPixels: number): Promise<DecodedImage> {
  if (format === 'png') return decodePng(bytes, source, maxPixels);
  // GIF: PIL opens frame 0 as mode P and keeps a transparent pixel's palette colour; sharp and browsers
  // composite to RGBA, so every runtime uses this package's decoder.
  if (format === 'gif') return decodeGif(bytes, source, maxPixels);
  if (format === 'jpeg') {
    if (jpegDecoder === 'js') return decodeJpeg(bytes, source, maxPixels);
    // PIL reads every 4-component JPEG as Adobe-inverted CMYK; libvips only inverts when an Adobe marker says
    // so, so CMYK/YCCK always takes the TypeScript decoder, which follows PIL's rule.
    if (jpegDecoder === 'auto' && readJpegComponentCount(bytes) === 4) return decodeJpeg(bytes, source, maxPixels);
    if (jpegDecoder === 'browser') return withJpegOrientation(await decodeWithBrowser(withoutJpegOrientation(bytes), source, maxPixels), bytes);
  }
  const sharp = await loadSharp();
  if (sharp && jpegDecoder !== 'browser') return decodeWithSharp(sharp, bytes, source, maxPixels);
  if (format === 'jpeg') {
    if (jpegDecoder === 'sharp') throw new UnsupportedImageFormatError(source, 'jpegDecoder "sharp" requested but sharp cannot be loaded here');
    // Without sharp, JPEG uses the TypeScript decoder (same values as libjpeg-turbo) in every runtime, rather
    // than a browser codec that may not be libjpeg-turbo (Safari's is not).
    return decodeJpeg(bytes, source, maxPixels);
  }
  if (typeof createImageBitmap !== 'undefined') return decodeWithBrowser(bytes, source, maxPixels);
  throw new UnsupportedImageFormatError(source, `${format.toUpperCase()} needs sharp (Node) or a browser decoder; neither is available`);
}

function withJpegOrientation(image: DecodedImage, bytes: Uint8Array): DecodedImage {
  const orientation = readJpegExifOrientation(bytes);
  return orientation ? { ...image, orientation } : image;
}
