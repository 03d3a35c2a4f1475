import { UnsupportedImageFormatError } from '../../errors/UnsupportedImageFormatError.js';
import { InvalidImageError } from '../../errors/InvalidImageError.js';
import type { DecodedImage } from '../DecodedImage.js';
import { decodeWithBrowser } from './browser/decodeWithBrowser.js';
import type { JpegDecoderChoice } from './ImageInput.js';
import { decodeJpegJs } from './jpeg/decodeJpegJs.js';
import { readJpegExifOrientation } from './jpeg/readJpegExifOrientation.js';
import { decodePng } from './png/decodePng.js';
import { decodeWithSharp } from './sharp/decodeWithSharp.js';
import { loadSharp } from './sharp/loadSharp.js';
import { sniffFormat } from './sniffFormat.js';

/** Decodes an encoded image file into PIL's mode for it, picking the decoder by magic bytes. */
export async function decodeImageBytes(bytes: Uint8Array, source: string, jpegDecoder: JpegDecoderChoice = 'auto'): Promise<DecodedImage> {
  if (bytes.length === 0) throw new InvalidImageError(`${source}: empty file (0 bytes)`);
  const format = sniffFormat(bytes);
  if (format === 'png') return decodePng(bytes, source);
  if (format === 'unknown') {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new UnsupportedImageFormatError(source, `unrecognised image format (first bytes: ${head}); expected PNG, JPEG, WebP or GIF`);
  }
  if (format === 'jpeg') {
    if (jpegDecoder === 'js') return decodeJpegJs(bytes, source);
    if (jpegDecoder === 'browser') return withJpegOrientation(await decodeWithBrowser(bytes, source), bytes);
  }
  const sharp = await loadSharp();
  if (sharp && jpegDecoder !== 'browser') return decodeWithSharp(sharp, bytes, source);
  if (format === 'jpeg' && jpegDecoder === 'sharp') {
    throw new UnsupportedImageFormatError(source, 'jpegDecoder "sharp" requested but sharp cannot be loaded here');
  }
  if (typeof createImageBitmap !== 'undefined') {
    const decoded = await decodeWithBrowser(bytes, source);
    return format === 'jpeg' ? withJpegOrientation(decoded, bytes) : decoded;
  }
  if (format === 'jpeg') return decodeJpegJs(bytes, source);
  throw new UnsupportedImageFormatError(source, `${format.toUpperCase()} needs sharp (Node) or a browser decoder; neither is available`);
}

function withJpegOrientation(image: DecodedImage, bytes: Uint8Array): DecodedImage {
  const orientation = readJpegExifOrientation(bytes);
  return orientation ? { ...image, orientation } : image;
}
