import type { PixelBuffer } from '../PixelBuffer.js';
import { PilResample } from './PilResample.js';
import { resampleKernel } from './ResampleKernel.js';
import { resampleConvolution } from './resampleConvolution.js';
import { resampleNearest } from './resampleNearest.js';
import { InvalidImageError } from '../../errors/InvalidImageError.js';

export interface ResizeOptions {
  /** Source region `[left, top, right, bottom]` in input pixels (Pillow's `box`); the whole image by default. */
  readonly box?: readonly [number, number, number, number];
}

/**
 * `PIL.Image.resize(size, resample, box)` for an 8-bit image whose bands are resampled independently
 * (Pillow's L and RGB; LA/RGBA are premultiplied by Pillow first and are not accepted here).
 * Same output, value for value, as Pillow 9.4.
 */
export function resizePil(
  image: PixelBuffer,
  width: number,
  height: number,
  resample: PilResample,
  options: ResizeOptions = {},
): PixelBuffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new InvalidImageError(`resize: output size must be positive integers, got ${width}x${height}`);
  }
  const box = options.box ?? ([0, 0, image.width, image.height] as const);
  if (width === image.width && height === image.height && box[0] === 0 && box[1] === 0 && box[2] === image.width && box[3] === image.height) {
    return { ...image, data: image.data.slice() };
  }
  if (resample === PilResample.NEAREST) return resampleNearest(image, width, height, box);
  return resampleConvolution(image, width, height, resampleKernel(resample), box);
}
