import { InvalidImageError } from '../errors/InvalidImageError.js';
import type { DecodedImage } from './DecodedImage.js';

/**
 * Already-decoded pixels with an explicit layout: interleaved (HWC) 8-bit samples, `channels` per pixel
 * (1 = L, 2 = LA, 3 = RGB, 4 = RGBA — treated as PIL treats `Image.fromarray` of the same array).
 * The layout is never guessed from the shape.
 */
export interface RawImage {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

export function isRawImage(value: unknown): value is RawImage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return 'data' in v && 'width' in v && 'height' in v && 'channels' in v;
}

const MODES = { 1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA' } as const;

export function rawImageToDecoded(raw: RawImage, description = 'raw image'): DecodedImage {
  const { width, height, channels, data } = raw;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new InvalidImageError(`${description}: data must be a Uint8Array or Uint8ClampedArray of 8-bit samples`);
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new InvalidImageError(`${description}: width and height must be non-negative integers, got ${width}x${height}`);
  }
  if (width === 0 || height === 0) throw new InvalidImageError(`${description}: zero-sized image (${width}x${height})`);
  const mode = MODES[channels];
  if (!mode) throw new InvalidImageError(`${description}: channels must be 1, 2, 3 or 4, got ${channels}`);
  if (data.length !== width * height * channels) {
    throw new InvalidImageError(
      `${description}: data has ${data.length} samples, expected width*height*channels = ${width}*${height}*${channels} = ${width * height * channels}`,
    );
  }
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { mode, width, height, data: bytes };
}
