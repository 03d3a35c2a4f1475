import { InvalidImageError } from './InvalidImageError.js';

/**
 * An image whose header declares more pixels than the decoder is allowed to allocate (PIL's
 * `DecompressionBombError`), or dimensions no decoder can represent. Raised from the header, before any
 * pixel memory is allocated.
 */
export class ImageTooLargeError extends InvalidImageError {
  override readonly name: string = 'ImageTooLargeError';
  /** The file path, URL or description of the input. */
  readonly source: string;
  readonly width: number;
  readonly height: number;
  /** The limit in force (`maxPixels`). */
  readonly maxPixels: number;

  constructor(source: string, width: number, height: number, maxPixels: number, problem?: string) {
    super(
      `${source}: ${problem ?? `image size ${width}x${height} (${width * height} pixels) exceeds the limit of ${maxPixels} pixels (maxPixels; PIL refuses such files as a decompression bomb)`}`,
    );
    this.source = source;
    this.width = width;
    this.height = height;
    this.maxPixels = maxPixels;
  }
}
