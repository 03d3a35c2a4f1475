import { ImageDecodeError } from '../../../errors/ImageDecodeError.js';
import { ImageTooLargeError } from '../../../errors/ImageTooLargeError.js';
import { InvalidImageError } from '../../../errors/InvalidImageError.js';
import type { DecodedImage } from '../../DecodedImage.js';
import { checkPixelLimit, DEFAULT_MAX_PIXELS } from '../pixelLimit.js';
import type { SharpFactory } from './loadSharp.js';

/**
 * Decodes with sharp (libvips) to raw 8-bit samples, without any resize, rotation or colour management:
 * `ignoreIcc` keeps the stored samples whatever ICC profile the file embeds (libvips would otherwise convert
 * AdobeRGB/P3/ProPhoto/grey-profiled files to sRGB, which PIL does not do), and CMYK is read back as CMYK.
 * `limitInputPixels` makes libvips itself refuse more than `maxPixels`, beside the header check here.
 * JPEG goes through libvips' libjpeg-turbo build (islow IDCT, fancy upsampling like PIL); see the README
 * for the measured agreement.
 */
export async function decodeWithSharp(sharp: SharpFactory, bytes: Uint8Array, source: string, maxPixels = DEFAULT_MAX_PIXELS): Promise<DecodedImage> {
  // sharp's limit is an integer where 0 means "none".
  const input = { ignoreIcc: true, limitInputPixels: Number.isFinite(maxPixels) ? maxPixels : 0 } as const;
  let meta: Awaited<ReturnType<ReturnType<SharpFactory>['metadata']>>;
  try {
    meta = await sharp(bytes, input).metadata();
  } catch (cause) {
    // libvips' own limit (limitInputPixels) fires while reading the header: the same typed error as ours.
    if (/pixel limit/i.test((cause as Error).message)) throw new ImageTooLargeError(source, 0, 0, maxPixels, `image exceeds the limit of ${maxPixels} pixels (maxPixels; libvips: ${(cause as Error).message})`);
    throw new ImageDecodeError(source, `cannot read image header (${(cause as Error).message})`, { cause });
  }
  if (!meta.width || !meta.height) throw new InvalidImageError(`${source}: zero-sized image`);
  checkPixelLimit(meta.width, meta.height, maxPixels, source);
  const isCmyk = meta.space === 'cmyk';
  let raw: { data: Uint8Array; info: { width: number; height: number; channels: number } };
  try {
    let pipeline = sharp(bytes, { ...input, failOn: 'warning' });
    if (isCmyk) pipeline = pipeline.pipelineColourspace('cmyk').toColourspace('cmyk');
    raw = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw new ImageDecodeError(source, `cannot decode ${meta.format ?? 'image'} data (${(cause as Error).message})`, { cause });
  }
  const { width, height, channels } = raw.info;
  const data = new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
  const orientation = meta.orientation && meta.orientation !== 1 ? { orientation: meta.orientation } : {};
  if (isCmyk && channels === 4) return { mode: 'CMYK', width, height, data, ...orientation };
  const mode = ({ 1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA' } as const)[channels];
  if (!mode) throw new ImageDecodeError(source, `unexpected ${channels}-channel output from sharp`);
  return { mode, width, height, data, ...orientation };
}
