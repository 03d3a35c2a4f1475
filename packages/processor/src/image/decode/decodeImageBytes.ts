import { UnsupportedImageFormatError } from '../../errors/UnsupportedImageFormatError.js';
import { InvalidImageError } from '../../errors/InvalidImageError.js';
import type { DecodedImage } from '../DecodedImage.js';
import { decodeWithBrowser } from './browser/decodeWithBrowser.js';
import type { JpegDecoderChoice } from './ImageInput.js';
import { decodeJpeg } from './jpeg/decodeJpeg.js';
import { readJpegComponentCount } from './jpeg/readJpegComponentCount.js';
import { readJpegExifOrientation, withoutJpegOrientation } from './jpeg/readJpegExifOrientation.js';
import { decodePng } from './png/decodePng.js';
import { decodeWithSharp } from './sharp/decodeWithSharp.js';
import { loadSharp } from './sharp/loadSharp.js';
import { sniffFormat } from './sniffFormat.js';

/**
 * Decodes an encoded image file into PIL's mode for it, picking the decoder by magic bytes: PNG → this
 * package's decoder; JPEG → sharp where it loads, else this package's libjpeg-turbo-exact decoder (or the
 * browser's, on request); WebP/GIF/others → sharp, else the browser's codecs.
 */
export async function decodeImageBytes(bytes: Uint8Array, source: string, jpegDecoder: JpegDecoderChoice = 'auto'): Promise<DecodedImage> {
  if (bytes.length === 0) throw new InvalidImageError(`${source}: empty file (0 bytes)`);
  const format = sniffFormat(bytes);
  if (format === 'png') return decodePng(bytes, source);
  if (format === 'unknown') {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new UnsupportedImageFormatError(source, `unrecognised image format (first bytes: ${head}); expected PNG, JPEG, WebP or GIF`);
  }
  if (format === 'jpeg') {
    if (jpegDecoder === 'js') return decodeJpeg(bytes, source);
    // PIL reads every 4-component JPEG as Adobe-inverted CMYK; libvips only inverts when an Adobe marker says
    // so, so CMYK/YCCK always takes the TypeScript decoder, which follows PIL's rule.
    if (jpegDecoder === 'auto' && readJpegComponentCount(bytes) === 4) return decodeJpeg(bytes, source);
    if (jpegDecoder === 'browser') return withJpegOrientation(await decodeWithBrowser(withoutJpegOrientation(bytes), source), bytes);
  }
  const sharp = await loadSharp();
  if (sharp && jpegDecoder !== 'browser') return decodeWithSharp(sharp, bytes, source);
  if (format === 'jpeg') {
    if (jpegDecoder === 'sharp') throw new UnsupportedImageFormatError(source, 'jpegDecoder "sharp" requested but sharp cannot be loaded here');
    // Without sharp, JPEG uses the TypeScript decoder (same values as libjpeg-turbo) in every runtime, rather
    // than a browser codec that may not be libjpeg-turbo (Safari's is not).
    return decodeJpeg(bytes, source);
  }
  if (typeof createImageBitmap !== 'undefined') return decodeWithBrowser(bytes, source);
  throw new UnsupportedImageFormatError(source, `${format.toUpperCase()} needs sharp (Node) or a browser decoder; neither is available`);
}

function withJpegOrientation(image: DecodedImage, bytes: Uint8Array): DecodedImage {
  const orientation = readJpegExifOrientation(bytes);
  return orientation ? { ...image, orientation } : image;
}
