import type { AltCLIPModel } from '@altclip/core';
import { speedInputs } from './speedInputs.js';

export interface SpeedRequest {
  /** Images (and texts) per call. */
  readonly batch: number;
  /** Timed calls per tower after one warm-up call each. */
  readonly repeats: number;
}

export interface SpeedResult {
  readonly batch: number;
  readonly textTokens: number;
  /** batch / median seconds per call. */
  readonly imagesPerSecond: number;
  readonly textsPerSecond: number;
  /** Every timed call, in milliseconds (the test and the README take medians of these). */
  readonly imageMs: readonly number[];
  readonly textMs: readonly number[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Embeds `batch` synthetic images and texts `repeats` times, the towers interleaved (a change in the
 * machine's load hits both alike), after one warm-up call each (first runs compile kernels).
 */
export async function measureSpeed(model: AltCLIPModel, { batch, repeats }: SpeedRequest): Promise<SpeedResult> {
  const inputs = speedInputs(model.config, batch);
  await model.getImageFeatures(inputs.image);
  await model.getTextFeatures(inputs.text);
  const imageMs: number[] = [];
  const textMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    let start = performance.now();
    await model.getImageFeatures(inputs.image);
    imageMs.push(performance.now() - start);
    start = performance.now();
    await model.getTextFeatures(inputs.text);
    textMs.push(performance.now() - start);
  }
  return {
    batch,
    textTokens: inputs.text.inputIds.dims[1],
    imagesPerSecond: batch / (median(imageMs) / 1000),
    textsPerSecond: batch / (median(textMs) / 1000),
    imageMs,
    textMs,
  };
}
