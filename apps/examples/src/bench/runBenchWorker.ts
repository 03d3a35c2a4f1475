import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, initializeParameters, modelParameterSpecs, type WeightDType } from '@altclip/core';
import { createBackend } from '../backends/createBackend.js';
import type { BenchResult } from './BenchResult.js';
import { benchPixels, benchTokens } from './benchInputs.js';
import { rssTarget } from './rssTarget.js';

export interface BenchWorkerOptions {
  backend: string;
  dtype: WeightDType;
  config: AltCLIPConfig;
  /** A checkpoint folder (built on load) or an `altclip export` folder (opened as is); absent: random weights. */
  model?: string;
  /** Towers to load (default both); `['text']` measures a text-tower-only load. */
  towers?: readonly ('text' | 'vision')[];
  /** Intra-op threads for the runtimes that take a number (onnx, onnx-web). */
  threads?: number;
  /** Stop repeating a measurement once it has taken this long (at least one run always happens). */
  secondsPerMeasurement: number;
  progress: (message: string) => void;
}

const now = () => performance.now() / 1000;
// A software adapter (SwiftShader) can need minutes per full-size image: batch 8 would take far longer
// than it tells, so beyond this it is skipped and the row says so.
const SLOW_IMAGE_SECONDS = 30;
const EXPORT_MANIFEST = 'altclip_export.json';

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
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** What a folder holds, for the row: its kind, dtype (an export fixes it) and the bytes of the weights loaded. */
export function describeBenchModel(
  dir: string,
  towers: readonly string[],
): { source: 'checkpoint' | 'exported'; dtype?: WeightDType; weightBytes: number; int8Activations?: 'per-row' | 'per-tensor' } {
  const manifestFile = join(dir, EXPORT_MANIFEST);
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      dtype: WeightDType;
      towers: Record<string, { graph: string; externalData: string[] }>;
      files: { path: string; size: number }[];
      backend?: { build?: { int8Activations?: 'per-row' | 'per-tensor' } };
    };
    const sizes = new Map(manifest.files.map((f) => [f.path, f.size]));
    let weightBytes = 0;
    for (const tower of towers) {
      const entry = manifest.towers[tower];
      if (entry) for (const file of [entry.graph, ...entry.externalData]) weightBytes += sizes.get(file) ?? 0;
    }
    // The onnx backends refuse an export whose activation rounding differs from theirs: take the export's.
    return { source: 'exported', dtype: manifest.dtype, weightBytes, int8Activations: manifest.backend?.build?.int8Activations };
  }
  // A checkpoint: all of its safetensors (both towers are in one file, so a one-tower load is still measured against all).
  const weightBytes = readdirSync(dir)
    .filter((f) => f.endsWith('.safetensors'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  return { source: 'checkpoint', weightBytes };
}

/** Measures one backend × dtype × weight source in this process (the parent runs one process per row, for peak RSS). */
export async function runBenchWorker(options: BenchWorkerOptions): Promise<BenchResult> {
  const { config, progress, secondsPerMeasurement: budget, backend: name, model: folder } = options;
  const towers = options.towers ?? ['text', 'vision'];
  const textOnly = !towers.includes('vision');
  const described = folder ? describeBenchModel(folder, towers) : undefined;
  const source = described?.source ?? 'random';
  const dtype = described?.dtype ?? options.dtype;
  const tag = `${name}/${dtype}${source === 'random' ? '' : ` ${source}`}${textOnly ? ' text' : ''}`;
  const threads = name === 'onnx' || name === 'onnx-web' ? (options.threads ?? null) : null;
  const rowBase = { backend: name, dtype, source, towers: towers.join(','), threads, cpu: cpus()[0]?.model ?? 'unknown' } as const;
  // Build-on-load rows build every time (no graph cache), so they measure what a first load costs;
  // checkpoint rows quantise activations per row, as the CLI's loaders and `altclip export` do.
  const backend = await createBackend(name, {
    threads: threads ?? undefined,
    ...(source === 'random' ? {} : { cacheDir: false as const, int8Activations: described?.int8Activations ?? ('per-row' as const) }),
  });
  let model: AltCLIPModel | undefined;
  try {
    // Some capabilities (webgpu's fp16) are known only once the runtime has an adapter.
    await backend.init?.();
    if (!backend.capabilities.dtypes.includes(dtype)) {
      return { ...rowBase, ...NO_FIGURES, note: `${name} does not offer ${dtype} (capabilities: ${backend.capabilities.dtypes.join(', ')})` };
    }
    let init_s: number | null = null;
    const ids = benchTokens(config, 8, 16);
    const mask = ids.map((row) => row.map(() => 1));
    const pixels1 = benchPixels(config, 1);
    let loadStart: number;
    if (folder) {
      progress(`${tag}: loading ${folder}`);
      loadStart = now();
      model = await AltCLIPModel.fromPretrained(folder, {
        backend,
        ...(source === 'checkpoint' ? { dtype } : {}),
        ...(textOnly ? { towers: ['text'] } : {}),
        onWarning: () => {},
      });
    } else {
      progress(`${tag}: drawing random weights`);
      const initStart = now();
      const weights = initializeParameters(modelParameterSpecs(config), 0);
      init_s = now() - initStart;
      progress(`${tag}: loading (weights drawn in ${init_s.toFixed(1)} s)`);
      loadStart = now();
      model = await AltCLIPModel.fromWeights(config, weights, { backend, dtype, onWarning: () => {} });
      weights.clear();
    }
    if (textOnly) await model.getTextFeatures({ inputIds: ids.slice(0, 1), attentionMask: mask.slice(0, 1) });
    else await model.getImageFeatures({ pixelValues: pixels1 });
    const load_s = now() - loadStart;
    const load_peak_rss_bytes = peakRss();
    progress(`${tag}: first ${textOnly ? 'text' : 'image'} embedding ${load_s.toFixed(1)} s after the load started (peak RSS ${(load_peak_rss_bytes / 2 ** 30).toFixed(2)} GiB)`);

    let images_per_s_b1: number | null = null;
    let images_per_s_b8: number | null = null;
    let note: string | undefined;
    if (!textOnly) {
      images_per_s_b1 = await rate(() => model!.getImageFeatures({ pixelValues: pixels1 }), budget);
      progress(`${tag}: ${images_per_s_b1.toFixed(3)} images/s at batch 1`);
      if (1 / images_per_s_b1 > SLOW_IMAGE_SECONDS) {
        note = `batch 8 skipped: one image takes ${(1 / images_per_s_b1).toFixed(0)} s`;
        progress(`${tag}: ${note}`);
      } else {
        const pixels8 = benchPixels(config, 8);
        images_per_s_b8 = 8 * (await rate(() => model!.getImageFeatures({ pixelValues: pixels8 }), budget, 3));
        progress(`${tag}: ${images_per_s_b8.toFixed(3)} images/s at batch 8`);
      }
    }
    await model.getTextFeatures({ inputIds: ids, attentionMask: mask });
    const texts_per_s_b8 = 8 * (await rate(() => model!.getTextFeatures({ inputIds: ids, attentionMask: mask }), budget));
    progress(`${tag}: ${texts_per_s_b8.toFixed(2)} texts/s at batch 8 x 16 tokens`);
    const peak_rss_bytes = peakRss();
    const weight_bytes = described?.weightBytes ?? null;
    return {
      ...rowBase,
      images_per_s_b1,
      images_per_s_b8,
      texts_per_s_b8,
      peak_rss_bytes,
      load_peak_rss_bytes,
      load_s,
      init_s,
      weight_bytes,
      rss_over_weights: weight_bytes ? peak_rss_bytes / weight_bytes : null,
      rss_target: rssTarget(source, dtype, textOnly),
      ...(note ? { note } : {}),
    };
  } finally {
    // A live Dawn device keeps Node from exiting: release everything, on errors too.
    await model?.dispose();
    await backend.dispose?.();
  }
}
