import type { PixelBuffer } from '../PixelBuffer.js';

export interface PixelValueOptions {
  readonly doRescale: boolean;
  readonly rescaleFactor: number;
  readonly doNormalize: boolean;
  readonly imageMean: readonly number[] | number;
  readonly imageStd: readonly number[] | number;
}

/**
 * HF's `rescale` then `normalize`, in HF's float arithmetic, written as CHW float32:
 * rescale multiplies in float64 and casts to float32 (`image.astype(np.float64) * scale`), normalize
 * computes `(x - mean) / std` in float32 with mean and std cast to float32. `Math.fround` after each
 * operation reproduces IEEE float32 arithmetic exactly.
 */
export function toPixelValues(image: PixelBuffer, options: PixelValueOptions, out?: Float32Array, outOffset = 0): Float32Array {
  const { width, height, channels } = image;
  const plane = width * height;
  const target = out ?? new Float32Array(plane * channels);
  const perChannel = (v: readonly number[] | number) => Array.from({ length: channels }, (_, c) => Math.fround(typeof v === 'number' ? v : v[c]));
  const mean = perChannel(options.imageMean);
  const std = perChannel(options.imageStd);
  const scale = options.rescaleFactor;
  // The same float32 result for each of the 256 possible inputs, per channel: a table is exact and fast.
  for (let c = 0; c < channels; c++) {
    const table = new Float32Array(256);
    for (let v = 0; v < 256; v++) {
      let x = v;
      if (options.doRescale) x = Math.fround(v * scale);
      if (options.doNormalize) x = Math.fround(Math.fround(x - mean[c]) / std[c]);
      table[v] = x;
    }
    const base = outOffset + c * plane;
    for (let i = 0; i < plane; i++) target[base + i] = table[image.data[i * channels + c]];
  }
  return target;
}
