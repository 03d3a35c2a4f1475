import { InvalidImageError } from '../../../errors/InvalidImageError.js';
import { UnsupportedImageFormatError } from '../../../errors/UnsupportedImageFormatError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from '../pixelLimit.js';
import type { DomInstance } from './DomInstance.js';

export type CanvasSource =
  | DomInstance<'ImageBitmap'>
  | DomInstance<'HTMLImageElement'>
  | DomInstance<'HTMLCanvasElement'>
  | DomInstance<'OffscreenCanvas'>
  | DomInstance<'HTMLVideoElement'>
  | DomInstance<'VideoFrame'>;

function sizeOf(source: CanvasSource): [number, number] {
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) return [source.naturalWidth, source.naturalHeight];
  if (typeof HTMLVideoElement !== 'undefined' && source instanceof HTMLVideoElement) return [source.videoWidth, source.videoHeight];
  if (typeof VideoFrame !== 'undefined' && source instanceof VideoFrame) return [source.displayWidth, source.displayHeight];
  const s = source as { width: number; height: number };
  return [s.width, s.height];
}

/**
 * Reads an already-decoded browser image as RGBA through a 2D canvas (no smoothing, no colour-space
 * conversion requested). Canvas pixels are stored premultiplied, so colours of semi-transparent pixels
 * can lose precision; opaque images come back exactly as decoded.
 */
export function readCanvasPixels(source: CanvasSource, description: string, maxPixels = DEFAULT_MAX_PIXELS): DecodedImage {
  const [width, height] = sizeOf(source);
  if (!width || !height) throw new InvalidImageError(`${description}: zero-sized image (${width}x${height}); is it loaded?`);
  checkPixelLimit(width, height, maxPixels, description);
  if (typeof OffscreenCanvas === 'undefined') {
    throw new UnsupportedImageFormatError(description, 'OffscreenCanvas is not available in this environment');
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new UnsupportedImageFormatError(description, 'no 2D canvas context available');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(source as CanvasImageSource, 0, 0);
  const pixels = ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
  return { mode: 'RGBA', width, height, data: new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength) };
}
