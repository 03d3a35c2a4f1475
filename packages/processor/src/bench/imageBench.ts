import { CLIPImageProcessor } from '../image/CLIPImageProcessor.js';
import { OPENAI_CLIP_MEAN, OPENAI_CLIP_STD } from '../image/config/CLIPImageProcessorConfig.js';
import { loadImage } from '../image/decode/loadImage.js';
import { loadSharp } from '../image/decode/sharp/loadSharp.js';

export interface Throughput {
  readonly perSecond: number;
  readonly iterations: number;
  readonly seconds: number;
  /** Fastest and median single call: less sensitive than the mean to other jobs on a shared machine. */
  readonly minMs: number;
  readonly medianMs: number;
}

/** Runs `fn` repeatedly for about `seconds` after a short warm-up; sequential, one at a time. */
export async function measure(fn: () => unknown, seconds = 3): Promise<Throughput> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    perSecond: times.length / elapsed,
    iterations: times.length,
    seconds: elapsed,
    minMs: times[0],
    medianMs: times[times.length >> 1],
  };
}

/** The BAAI/AltCLIP preprocessing: shortest edge 224, bicubic, 224x224 crop, OpenAI CLIP mean/std. */
export const BAAI_224 = {
  do_resize: true,
  size: { shortest_edge: 224 },
  resample: 3,
  do_center_crop: true,
  crop_size: { height: 224, width: 224 },
  do_rescale: true,
  rescale_factor: 1 / 255,
  do_normalize: true,
  image_mean: [...OPENAI_CLIP_MEAN],
  image_std: [...OPENAI_CLIP_STD],
  do_convert_rgb: true,
};

/**
 * A photo-like test image: smooth colour gradients, some texture and mild noise, so the JPEG's size and
 * entropy-decoding cost are in the range of a real 1024x768 photo (pure noise would be a worst case).
 */
function syntheticPhoto(width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 28) - 8;
      const texture = 24 * Math.sin(x / 23) * Math.cos(y / 17);
      const o = (y * width + x) * 3;
      out[o] = Math.max(0, Math.min(255, (x * 255) / width + texture + noise));
      out[o + 1] = Math.max(0, Math.min(255, (y * 255) / height - texture + noise));
      out[o + 2] = Math.max(0, Math.min(255, 128 + 60 * Math.sin((x + y) / 90) + noise));
    }
  }
  return out;
}

/**
 * images/s for the 224 bicubic pipeline on a 1024x768 JPEG (generated with sharp at quality 90), against
 * sharp doing its own decode + cubic resize + centre crop (uint8 out, no normalisation).
 */
export async function runImageBench(seconds = 3): Promise<Record<string, unknown>> {
  const sharp = await loadSharp();
  if (!sharp) throw new Error('the image benchmark needs sharp to generate its JPEG');
  const jpeg = new Uint8Array(
    await sharp(syntheticPhoto(1024, 768), { raw: { width: 1024, height: 768, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
  const processor = CLIPImageProcessor.fromDict(BAAI_224);
  const decoded = await loadImage(jpeg);

  const full = await measure(() => processor.process(jpeg), seconds);
  const fullJs = await measure(() => processor.process(jpeg, { jpegDecoder: 'js' }), seconds);
  const preprocessOnly = await measure(() => processor.preprocess(decoded), seconds);
  const sharpResize = await measure(
    () => sharp(jpeg).resize(224, 224, { fit: 'cover', position: 'centre', kernel: 'cubic' }).raw().toBuffer(),
    seconds,
  );
  return {
    input: { width: 1024, height: 768, format: 'jpeg', bytes: jpeg.length },
    config: '224 shortest edge, bicubic (PIL), 224x224 center crop, rescale + normalize to float32 NCHW',
    unit: 'images/s (mean over the run); min/median ms per image',
    'altclip: sharp decode + PIL-exact preprocess': summary(full),
    'altclip: TypeScript JPEG decoder + PIL-exact preprocess': summary(fullJs),
    'altclip: preprocess only (decoded RGB in)': summary(preprocessOnly),
    'sharp: decode + resize(cubic) + crop, uint8 out': summary(sharpResize),
  };
}

function summary(t: Throughput): { imagesPerSecond: number; minMs: number; medianMs: number } {
  return { imagesPerSecond: round(t.perSecond), minMs: round(t.minMs), medianMs: round(t.medianMs) };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
