import type { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, initializeParameters, modelParameterSpecs, type WeightDType } from '@altclip/core';
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
// A software adapter (SwiftShader) can need minutes per full-size image: batch 8 would take far longer
// than it tells, so beyond this it is skipped and the row says so.
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

const NO_FIGURES = { images_per_s_b1: null, images_per_s_b8: null, texts_per_s_b8: null, peak_rss_bytes: null, load_s: null };

/** Measures one backend × dtype in this process (the parent runs one process per pair, for peak RSS). */
export async function runBenchWorker(options: BenchWorkerOptions): Promise<BenchResult> {
  const { config, progress, secondsPerMeasurement: budget, backend: name, dtype } = options;
  const tag = `${name}/${dtype}`;
  const backend = await createBackend(name);
  let model: AltCLIPModel | undefined;
  try {
    // Some capabilities (webgpu's fp16) are known only once the runtime has an adapter.
    await backend.init?.();
    if (!backend.capabilities.dtypes.includes(dtype)) {
      return { backend: name, dtype, ...NO_FIGURES, note: `${name} does not offer ${dtype} (capabilities: ${backend.capabilities.dtypes.join(', ')})` };
    }
    progress(`${tag}: drawing random weights`);
    const initStart = now();
    const weights = initializeParameters(modelParameterSpecs(config), 0);
    const init_s = now() - initStart;
    progress(`${tag}: loading (weights drawn in ${init_s.toFixed(1)} s)`);
    const loadStart = now();
    model = await AltCLIPModel.fromWeights(config, weights, { backend, dtype, onWarning: () => {} });
    weights.clear();
    const pixels1 = benchPixels(config, 1);
    await model.getImageFeatures({ pixelValues: pixels1 });
    const load_s = now() - loadStart;
    progress(`${tag}: first image embedding ${load_s.toFixed(1)} s after the load started`);

    const images_per_s_b1 = await rate(() => model!.getImageFeatures({ pixelValues: pixels1 }), budget);
    progress(`${tag}: ${images_per_s_b1.toFixed(3)} images/s at batch 1`);
    let images_per_s_b8: number | null = null;
    let note: string | undefined;
    if (1 / images_per_s_b1 > SLOW_IMAGE_SECONDS) {
      note = `batch 8 skipped: one image takes ${(1 / images_per_s_b1).toFixed(0)} s`;
      progress(`${tag}: ${note}`);
    } else {
      const pixels8 = benchPixels(config, 8);
      images_per_s_b8 = 8 * (await rate(() => model!.getImageFeatures({ pixelValues: pixels8 }), budget, 3));
      progress(`${tag}: ${images_per_s_b8.toFixed(3)} images/s at batch 8`);
    }
    const ids = benchTokens(config, 8, 16);
    const mask = ids.map((row) => row.map(() => 1));
    await model.getTextFeatures({ inputIds: ids, attentionMask: mask });
    const texts_per_s_b8 = 8 * (await rate(() => model!.getTextFeatures({ inputIds: ids, attentionMask: mask }), budget));
    progress(`${tag}: ${texts_per_s_b8.toFixed(2)} texts/s at batch 8 x 16 tokens`);
    return {
      backend: name,
      dtype,
      images_per_s_b1,
      images_per_s_b8,
      texts_per_s_b8,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
      load_s,
      init_s,
      ...(note ? { note } : {}),
    };
  } finally {
    // A live Dawn device keeps Node from exiting: release everything, on errors too.
    await model?.dispose();
    await backend.dispose?.();
  }
}
