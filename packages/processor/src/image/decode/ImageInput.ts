import type { RawImage } from '../RawImage.js';
import type { DomInstance } from './browser/DomInstance.js';
import type { CanvasSource } from './browser/readCanvasPixels.js';

/**
 * Everything `loadImage` accepts. Strings are file paths in Node and URLs in browsers (http(s)/data/blob/file
 * URLs are fetched everywhere); bytes are an encoded file (PNG, JPEG, WebP, GIF).
 */
export type ImageInput =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | Blob
  | DomInstance<'ImageData'>
  | CanvasSource
  | RawImage;

/**
 * Which decoder handles JPEG bytes (PNG always uses this package's own decoder, which is exact):
 * `sharp` (libvips' libjpeg-turbo), `js` (this package's TypeScript port of libjpeg-turbo's islow IDCT,
 * fancy upsampling and colour conversion) or `browser` (`createImageBitmap`).
 */
export type JpegDecoderChoice = 'auto' | 'sharp' | 'js' | 'browser';

export interface LoadImageOptions {
  /** Rotate/flip by the EXIF Orientation tag like `ImageOps.exif_transpose`. Default `false`, as in HF. */
  readonly applyExifOrientation?: boolean;
  /**
   * JPEG decoder. `auto` (default): sharp where it loads (Node), else the TypeScript decoder (`js`).
   */
  readonly jpegDecoder?: JpegDecoderChoice;
  /**
   * Largest image (width × height) any decoder may allocate; larger headers raise `ImageTooLargeError`
   * before decoding. Default PIL's `DecompressionBombError` threshold, 2 × 89,478,485 = 178,956,970;
   * `Infinity` disables it (PIL's `MAX_IMAGE_PIXELS = None`).
   */
  readonly maxPixels?: number;
}

// A record over every key, so that a new LoadImageOptions field fails to compile until it is listed here too.
const LOAD_IMAGE_OPTIONS: Record<keyof LoadImageOptions, true> = { applyExifOrientation: true, jpegDecoder: true, maxPixels: true };

/** The keys of `LoadImageOptions`, for the runtime check that refuses unknown options. */
export const LOAD_IMAGE_OPTION_KEYS = Object.keys(LOAD_IMAGE_OPTIONS) as readonly (keyof LoadImageOptions)[];
