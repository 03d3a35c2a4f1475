import { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, type AltCLIPBackend, Tensor, type WeightDType, initializeParameters, modelParameterSpecs } from '@altclip/core';
import { BENCH_CONFIGS, type BenchConfigName } from './benchConfigs.js';

export interface BenchOnnxOptions {
  backend: AltCLIPBackend;
  config?: BenchConfigName;
  dtype?: WeightDType;
  /** Forwarded to the towers' loaders (e.g. `{ attention: 'contrib' }`). */
  backendOptions?: Record<string, unknown>;
  /** Minimum measuring time per figure, in ms (default 3000; at least 2 runs). */
  minTimeMs?: number;
  seed?: number;
}

export interface BenchOnnxResult {
  backend: string;
  config: string;
  dtype: WeightDType;
  backendOptions: Record<string, unknown>;
  /** Drawing the random weights (core's initialiser); not part of loading. */
  initMs: number;
  /** fromWeights (graph build or cache hit + session creation) until the first image and text embedding. */
  loadToFirstEmbeddingMs: number;
  imagesPerSecondBatch1: number;
  imagesPerSecondBatch8: number;
  textsPerSecondBatch8x16: number;
  /**
   * Process CPU time (all threads, ORT's spinning included) per batch for the three
   * figures above: on a shared machine wall-clock throughput mostly measures the
   * neighbours, CPU time the work.
   */
  cpuMsPerBatch: { images1: number; images8: number; texts8x16: number } | null;
  /** Process peak resident set size (Node's maxRSS), MiB. */
  peakRssMiB: number | null;
}

const cpuNow = (): number | undefined => (typeof process !== 'undefined' && process.cpuUsage ? process.cpuUsage().user + process.cpuUsage().system : undefined);

async function throughput(items: number, minTimeMs: number, run: () => Promise<unknown>): Promise<{ perSecond: number; cpuMs?: number }> {
  await run();
  let runs = 0;
  const start = performance.now();
  const cpuStart = cpuNow();
  while (runs < 2 || performance.now() - start < minTimeMs) {
    await run();
    runs++;
  }
  const cpuEnd = cpuNow();
  const perSecond = (runs * items * 1000) / (performance.now() - start);
  return { perSecond, cpuMs: cpuStart === undefined || cpuEnd === undefined ? undefined : Math.round((cpuEnd - cpuStart) / 1000 / runs) };
}

function randomPixels(batch: number, size: number): Tensor<'float32'> {
  const data = new Float32Array(batch * 3 * size * size);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 1.5;
  return new Tensor('float32', data, [batch, 3, size, size]);
}

function textBatch(batch: number, length: number): { inputIds: Tensor<'int64'>; attentionMask: Tensor<'int64'> } {
  const ids = new BigInt64Array(batch * length);
  for (let b = 0; b < batch; b++) {
    ids[b * length] = 0n;
    for (let t = 1; t < length - 1; t++) ids[b * length + t] = BigInt(5 + ((b * 131 + t * 17) % 2000));
    ids[b * length + length - 1] = 2n;
  }
  return { inputIds: new Tensor('int64', ids, [batch, length]), attentionMask: new Tensor('int64', new BigInt64Array(batch * length).fill(1n), [batch, length]) };
}

/**
 * Random-weight AltCLIP throughput through the public model API: images/s at
 * batch 1 and 8, texts/s at batch 8 × 16 tokens, load-to-first-embedding time and
 * peak RSS. Run one configuration per process for a meaningful peak RSS.
 */
export async function benchOnnx(options: BenchOnnxOptions): Promise<BenchOnnxResult> {
  const configName = options.config ?? 'full';
  const dtype = options.dtype ?? 'fp32';
  const minTimeMs = options.minTimeMs ?? 3000;
  const config = AltCLIPConfig.fromDict(BENCH_CONFIGS[configName] as unknown as Record<string, unknown>);
  let t = performance.now();
  const weights = initializeParameters(modelParameterSpecs(config), options.seed ?? 0);
  const initMs = performance.now() - t;

  t = performance.now();
  const model = await AltCLIPModel.fromWeights(config, weights, { backend: options.backend, dtype, backendOptions: options.backendOptions, onWarning: () => {} });
  weights.clear();
  const size = config.vision_config.image_size;
  await model.getImageFeatures({ pixelValues: randomPixels(1, size) });
  await model.getTextFeatures(textBatch(1, 16));
  const loadToFirstEmbeddingMs = performance.now() - t;

  const one = randomPixels(1, size);
  const eight = randomPixels(8, size);
  const texts = textBatch(8, 16);
  const b1 = await throughput(1, minTimeMs, () => model.getImageFeatures({ pixelValues: one }));
  const b8 = await throughput(8, minTimeMs, () => model.getImageFeatures({ pixelValues: eight }));
  const t8 = await throughput(8, minTimeMs, () => model.getTextFeatures(texts));
  const result: BenchOnnxResult = {
    backend: options.backend.name,
    config: configName,
    dtype,
    backendOptions: options.backendOptions ?? {},
    initMs: Math.round(initMs),
    loadToFirstEmbeddingMs: Math.round(loadToFirstEmbeddingMs),
    imagesPerSecondBatch1: b1.perSecond,
    imagesPerSecondBatch8: b8.perSecond,
    textsPerSecondBatch8x16: t8.perSecond,
    cpuMsPerBatch: b1.cpuMs === undefined ? null : { images1: b1.cpuMs, images8: b8.cpuMs as number, texts8x16: t8.cpuMs as number },
    peakRssMiB: typeof process !== 'undefined' && process.resourceUsage ? Math.round(process.resourceUsage().maxRSS / 1024) : null,
  };
  await model.dispose();
  return result;
}
