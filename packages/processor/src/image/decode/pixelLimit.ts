import { ImageTooLargeError } from '../../errors/ImageTooLargeError.js';
import { ProcessorInputError } from '../../errors/ProcessorInputError.js';

/**
 * PIL's default refusal threshold: `Image.MAX_IMAGE_PIXELS` is `1024 * 1024 * 1024 // 4 // 3` = 89,478,485;
 * PIL only warns (`DecompressionBombWarning`) above it and raises `DecompressionBombError` above twice it.
 * HF inherits that, so the default here refuses exactly what HF refuses and decodes everything HF decodes.
 */
export const DEFAULT_MAX_PIXELS = 2 * Math.floor((1024 * 1024 * 1024) / 4 / 3);

/** The effective limit: `Infinity` disables it (PIL's `MAX_IMAGE_PIXELS = None`). */
export function resolveMaxPixels(maxPixels: number | undefined, argument = 'maxPixels'): number {
  if (maxPixels === undefined) return DEFAULT_MAX_PIXELS;
  if (maxPixels === Number.POSITIVE_INFINITY) return maxPixels;
  if (!Number.isSafeInteger(maxPixels) || maxPixels < 1) {
    throw new ProcessorInputError(`${argument} must be a positive integer or Infinity, got ${String(maxPixels)}`);
  }
  return maxPixels;
}

/**
 * Refuses a declared size before anything is allocated for it: more than `maxPixels` pixels (PIL's
 * `pixels > 2 * MAX_IMAGE_PIXELS` rule), or a side that no typed array could hold.
 */
export function checkPixelLimit(width: number, height: number, maxPixels: number, source: string): void {
  if (width * height > maxPixels) throw new ImageTooLargeError(source, width, height, maxPixels);
  // Even with the limit disabled, 2^31 - 1 per side is what PNG allows and what typed arrays can index.
  if (width > 0x7fffffff || height > 0x7fffffff || width * height * 8 > Number.MAX_SAFE_INTEGER) {
    throw new ImageTooLargeError(source, width, height, maxPixels, `image size ${width}x${height} is too large to decode`);
  }
}
