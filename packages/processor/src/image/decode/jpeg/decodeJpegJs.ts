import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { readJpegExifOrientation } from './readJpegExifOrientation.js';

/**
 * Pure-JS JPEG decoding with `jpeg-js` (pdf.js lineage): runs anywhere, but its IDCT, chroma upsampling
 * (nearest, not libjpeg's "fancy" triangle filter) and colour conversion differ from the libjpeg-turbo PIL
 * uses — see the README for the measured difference. Used when sharp is unavailable.
 */
export async function decodeJpegJs(bytes: Uint8Array, source: string): Promise<DecodedImage> {
  const { decode } = (await import('jpeg-js')).default;
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false });
  } catch (cause) {
    throw new ImageDecodeError(source, `cannot decode JPEG (${(cause as Error).message})`, { cause });
  }
  const orientation = readJpegExifOrientation(bytes);
  return {
    mode: 'RGB',
    width: decoded.width,
    height: decoded.height,
    data: decoded.data,
    ...(orientation ? { orientation } : {}),
  };
}
