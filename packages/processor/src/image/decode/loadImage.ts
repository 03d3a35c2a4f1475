import { ImageDecodeError } from '../../errors/ImageDecodeError.js';
import { UnsupportedImageFormatError } from '../../errors/UnsupportedImageFormatError.js';
import { readBytes } from '../../io/readBytes.js';
import { convertToRgb } from '../color/convertToRgb.js';
import type { DecodedImage } from '../DecodedImage.js';
import { applyExifOrientation } from '../exif/applyExifOrientation.js';
import type { PixelBuffer } from '../PixelBuffer.js';
import { isRawImage, rawImageToDecoded } from '../RawImage.js';
import { type CanvasSource, readCanvasPixels } from './browser/readCanvasPixels.js';
import { decodeImageBytes } from './decodeImageBytes.js';
import type { ImageInput, LoadImageOptions } from './ImageInput.js';
import { resolveMaxPixels } from './pixelLimit.js';

/** Decodes any supported input into PIL's mode for it (no conversion, no rotation yet). */
export async function decodeImage(input: ImageInput, options: LoadImageOptions = {}): Promise<DecodedImage> {
  const jpeg = options.jpegDecoder ?? 'auto';
  const maxPixels = resolveMaxPixels(options.maxPixels);
  if (typeof input === 'string' || input instanceof URL) {
    const source = String(input);
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(input);
    } catch (cause) {
      if (cause instanceof ImageDecodeError) throw cause;
      throw new ImageDecodeError(source, `cannot read file (${(cause as Error).message})`, { cause });
    }
    return decodeImageBytes(bytes, source, jpeg, maxPixels);
  }
  if (input instanceof Uint8Array) return decodeImageBytes(input, `<${input.length} bytes>`, jpeg, maxPixels);
  if (input instanceof ArrayBuffer) return decodeImageBytes(new Uint8Array(input), `<${input.byteLength} bytes>`, jpeg, maxPixels);
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const name = typeof File !== 'undefined' && input instanceof File ? input.name : `<Blob ${input.type || 'untyped'}, ${input.size} bytes>`;
    return decodeImageBytes(new Uint8Array(await input.arrayBuffer()), name, jpeg, maxPixels);
  }
  if (typeof ImageData !== 'undefined' && input instanceof ImageData) {
    return rawImageToDecoded({ data: input.data, width: input.width, height: input.height, channels: 4 }, 'ImageData');
  }
  if (isRawImage(input)) return rawImageToDecoded(input);
  if (isCanvasSource(input)) return readCanvasPixels(input, input.constructor?.name ?? 'image element', maxPixels);
  throw new UnsupportedImageFormatError(
    describe(input),
    'unsupported image input; pass a path/URL, encoded bytes, a Blob, ImageData, an ImageBitmap/HTMLImageElement/canvas, or {data, width, height, channels}',
  );
}

/**
 * Decodes and converts to 8-bit RGB exactly as `PIL.Image.open(x).convert('RGB')` would (optionally after
 * `ImageOps.exif_transpose`), which is what HF's CLIPImageProcessor receives.
 */
export async function loadImage(input: ImageInput, options: LoadImageOptions = {}): Promise<PixelBuffer> {
  return decodedToRgb(await decodeImage(input, options), options);
}

/** `convert('RGB')`, then the optional EXIF transpose. */
export function decodedToRgb(decoded: DecodedImage, options: LoadImageOptions = {}): PixelBuffer {
  const rgb = convertToRgb(decoded);
  return options.applyExifOrientation ? applyExifOrientation(rgb, decoded.orientation) : rgb;
}

function isCanvasSource(v: unknown): v is CanvasSource {
  const is = (name: string) => {
    const ctor = (globalThis as Record<string, unknown>)[name];
    return typeof ctor === 'function' && v instanceof (ctor as new () => unknown);
  };
  return ['ImageBitmap', 'HTMLImageElement', 'HTMLCanvasElement', 'OffscreenCanvas', 'HTMLVideoElement', 'VideoFrame'].some(is);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v;
  return (v as object).constructor?.name ?? 'object';
}
