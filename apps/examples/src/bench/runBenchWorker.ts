import type { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, type WeightDType } from '@altclip/core';
import { createBackend } from '../backends/createBackend.js';
import type { BenchResult } from './BenchResult.js';
import { benchPixels, benchTokens } from './benchInputs.js';

export interface BenchWorkerOptions {
  backend: string;
  dtype: WeightDType;
  config: AltCLIPConfig;
  /** Stop repeating a measurement once it has taken this long (at least one run always happens). */
  secondsPerMeasurement: number;
  progress: (message: string) => void;
}

const now = () => performance.now() / 1000;
const SLOW_IMAGE_SECONDS = 30;

/** Runs `fn` at least once and until `budget` seconds passed; returns runs per second. */
async function rate(fn: () => Promise<unknown>, budget: number, maxRuns = 5): Promise<number> {
  let runs = 0;
  const start = now();
  do {
    await fn();
    runs++;
  } while (now() - start < budget && runs < maxRuns);
  return runs / (now() - start);
}

/** Measures one backend × dtype in this process (the parent runs one process per pair, for peak RSS). */
export async function runBenchWorker(options: BenchWorkerOptions): Promise<BenchResult> {
  const { config, progress, secondsPerMeasurement: budget } = options;
  const t0 = now();
  const backend = await createBackend(options.backend);
  if (!backend.capabilities.dtypes.includes(options.dtype)) {
    const none = { images_per_s_b1: null, images_per_s_b8: null, texts_per_s_b8: null, peak_rss_bytes: null, load_s: null };
    return { backend: options.backend, dtype: options.dtype, ...none, note: `${options.backend} does not offer ${options.dtype} (capabilities: ${backend.capabilities.dtypes.join(', ')})` };
  }
  progress(`${options.backend}/${options.dtype}: drawing random weights and loading`);
  const initStart = now();
  // fromConfig draws the weights, then hands them to the backend; split the two by timing the draw alone.
  const { initializeParameters, modelParameterSpecs } = await import('@altclip/core');
  const weights = initializeParameters(modelParameterSpecs(config), 0);
  const init_s = now() - initStart;
  const loadStart = now();
  const model = await AltCLIPModel.fromWeights(config, weights, { backend, dtype: options.dtype, onWarning: () => {} });
  weights.clear();
  const pixels1 = benchPixels(config, 1);
  await model.getImageFeatures({ pixelValues: pixels1 });
  const load_s = now() - loadStart;
  progress(`${options.backend}/${options.dtype}: loaded in ${load_s.toFixed(1)} s (init ${init_s.toFixed(1)} s, total ${(now() - t0).toFixed(1)} s)`);

  const images_per_s_b1 = await rate(() => model.getImageFeatures({ pixelValues: pixels1 }), budget);
  progress(`${options.backend}/${options.dtype}: ${images_per_s_b1.toFixed(3)} images/s at batch 1`);
  let images_per_s_b8: number | null = null;
  let note: string | undefined;
  // A software adapter (SwiftShader) can need minutes per full-size image: batch 8 would take far longer
  // than it tells, so it is skipped and the row says so.
  if (1 / images_per_s_b1 > SLOW_IMAGE_SECONDS) {
    note = `batch 8 skipped: one image takes ${(1 / images_per_s_b1).toFixed(0)} s`;
    progress(`${options.backend}/${options.dtype}: ${note}`);
  } else {
    const pixels8 = benchPixels(config, 8);
    images_per_s_b8 = 8 * (await rate(() => model.getImageFeatures({ pixelValues: pixels8 }), budget, 3));
    progress(`${options.backend}/${options.dtype}: ${images_per_s_b8.toFixed(3)} images/s at batch 8`);
  }
  const ids = benchTokens(config, 8, 16);
  const mask = ids.map((row) => row.map(() => 1));
  await model.getTextFeatures({ inputIds: ids, attentionMask: mask });
  const texts_per_s_b8 = 8 * (await rate(() => model.getTextFeatures({ inputIds: ids, attentionMask: mask }), budget));
  progress(`${options.backend}/${options.dtype}: ${texts_per_s_b8.toFixed(2)} texts/s at batch 8 x 16 tokens`);
  await model.dispose();
  await backend.dispose?.();
  return {
    backend: options.backend,
    dtype: options.dtype,
    images_per_s_b1,
    images_per_s_b8,
    texts_per_s_b8,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    load_s,
    init_s,
    ...(note ? { note } : {}),
  };
}
