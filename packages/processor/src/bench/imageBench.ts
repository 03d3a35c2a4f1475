import { CLIPImageProcessor } from '../image/CLIPImageProcessor.js';
import { OPENAI_CLIP_MEAN, OPENAI_CLIP_STD } from '../image/config/CLIPImageProcessorConfig.js';
import { loadImage } from '../image/decode/loadImage.js';
import { loadSharp } from '../image/decode/sharp/loadSharp.js';

export interface Throughput {
  readonly perSecond: number;
  readonly iterations: number;
  readonly seconds: number;
}

/** Runs `fn` repeatedly for about `seconds` after a short warm-up; sequential, one at a time. */
export async function measure(fn: () => unknown, seconds = 3): Promise<Throughput> {
  for (let i = 0; i < 3; i++) await fn();
  const start = performance.now();
  let iterations = 0;
  while (performance.now() - start < seconds * 1000) {
    await fn();
    iterations++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { perSecond: iterations / elapsed, iterations, seconds: elapsed };
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
 * images/s for the 224 bicubic pipeline on a 1024x768 JPEG (generated with sharp: Gaussian noise over a
 * grey background, quality 90), against sharp doing its own decode + cubic resize + centre crop.
 */
export async function runImageBench(seconds = 3): Promise<Record<string, unknown>> {
  const sharp = await loadSharp();
  if (!sharp) throw new Error('the image benchmark needs sharp to generate its JPEG');
  const jpeg = new Uint8Array(
    await (sharp as unknown as (o: object) => import('sharp').Sharp)({
      create: { width: 1024, height: 768, channels: 3, background: { r: 120, g: 110, b: 100 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
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
    'altclip decode(sharp)+preprocess images/s': round(full.perSecond),
    'altclip decode(jpeg-js)+preprocess images/s': round(fullJs.perSecond),
    'altclip preprocess only (decoded RGB in) images/s': round(preprocessOnly.perSecond),
    'sharp decode+resize(cubic)+crop, uint8 out images/s': round(sharpResize.perSecond),
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
