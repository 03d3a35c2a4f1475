import type { CLIPImageProcessorConfig } from '../image/config/CLIPImageProcessorConfig.js';
import type { PixelBuffer } from '../image/PixelBuffer.js';
import { toPixelValues } from '../image/transforms/toPixelValues.js';

/** Test support: the fixture's HWC `decoded_rgb` tensor as a PixelBuffer. */
export function rgbFromTensor(t: { shape: number[]; data: ArrayLike<unknown> }): PixelBuffer {
  const [height, width, channels] = t.shape;
  return { width, height, channels, data: t.data as Uint8Array };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number> | ArrayLike<bigint>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - Number(b[i])));
  return m;
}

/**
 * Recovers the uint8 CHW image behind HF's pixel values: each channel maps the 256 uint8 levels to
 * distinct float32 values, so the nearest level is the level HF's PIL stage produced.
 */
export function uint8FromPixelValues(values: Float32Array, channels: number, config: CLIPImageProcessorConfig): Uint8Array {
  const levels: PixelBuffer = { width: 256, height: 1, channels, data: new Uint8Array(256 * channels) };
  for (let v = 0; v < 256; v++) for (let c = 0; c < channels; c++) levels.data[v * channels + c] = v;
  const table = toPixelValues(levels, config);
  const plane = values.length / channels;
  const out = new Uint8Array(values.length);
  for (let c = 0; c < channels; c++) {
    const exact = new Map<number, number>();
    for (let v = 0; v < 256; v++) exact.set(table[c * 256 + v], v);
    for (let i = 0; i < plane; i++) {
      const x = values[c * plane + i];
      const hit = exact.get(x);
      if (hit !== undefined) {
        out[c * plane + i] = hit;
        continue;
      }
      let best = 0;
      for (let v = 1; v < 256; v++) if (Math.abs(table[c * 256 + v] - x) < Math.abs(table[c * 256 + best] - x)) best = v;
      out[c * plane + i] = best;
    }
  }
  return out;
}

/** Maximum level difference and share of differing samples between two uint8 arrays. */
export function levelAgreement(a: Uint8Array, b: Uint8Array): { maxDiff: number; differing: number; share: number } {
  let maxDiff = 0;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d) differing++;
    if (d > maxDiff) maxDiff = d;
  }
  return { maxDiff, differing, share: differing / a.length };
}
