import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, initializeParameters, modelParameterSpecs, type WeightDType } from '@altclip/core';
import { describe, expect, it } from 'vitest';
import { BENCH_CONFIGS } from '../bench/benchConfigs.js';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { exportWeights } from './exportModel.js';
import { fixtureShapedInputs } from './exportParity.js';

// Not a CI test (minutes, ~5 GB of RAM): the full-size BAAI/AltCLIP architecture with core's seeded random
// weights, exported for the browser test (fullSize.browser.test.ts), with onnx-node's embeddings of the
// same inputs on the same files as its reference. Run it, then the browser test:
//   ALTCLIP_FULL_EXPORT=.cache/full-size pnpm vitest run --project @altclip/backend-onnx src/export/fullSize
//   pnpm vitest run --project browser packages/backend-onnx/src/export/fullSize
// ALTCLIP_FULL_VARIANTS (default q4,int8): <dtype>[-webgpu] folders to write. Accuracy: the same weights built as
// fp32 on onnx-node embed the same inputs; each variant's normalised embeddings are compared with them
// (<dir>/accuracy.json; ALTCLIP_FULL_ACCURACY=0 skips it — it holds ≈ 6 GB more while the fp32 graphs load).
const dir = process.env.ALTCLIP_FULL_EXPORT;

/** Per item of a [items, dim] batch, against a reference: cosine similarity, and max |diff| of the L2-normalised rows (relative to their largest |value|). */
function embeddingAgreement(actual: Float32Array, expected: Float32Array, dim: number): { minCosine: number; maxAbsDiffNormalised: number; maxRelDiffNormalised: number } {
  let minCosine = 1;
  let maxAbs = 0;
  let maxRef = 0;
  for (let start = 0; start < expected.length; start += dim) {
    const a = actual.subarray(start, start + dim);
    const e = expected.subarray(start, start + dim);
    const norm = (v: Float32Array) => Math.sqrt(v.reduce((n, x) => n + x * x, 0));
    const [na, ne] = [norm(a), norm(e)];
    minCosine = Math.min(minCosine, a.reduce((n, x, i) => n + x * e[i], 0) / (na * ne));
    for (let i = 0; i < dim; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(a[i] / na - e[i] / ne));
      maxRef = Math.max(maxRef, Math.abs(e[i] / ne));
    }
  }
  const round = (x: number) => +x.toPrecision(3);
  return { minCosine: +minCosine.toFixed(5), maxAbsDiffNormalised: round(maxAbs), maxRelDiffNormalised: round(maxAbs / maxRef) };
}

describe.skipIf(!dir)('full-size export (set ALTCLIP_FULL_EXPORT=<dir> to run)', () => {
  it('exports q4/int8 folders, reports their sizes, records onnx-node embeddings of them and their accuracy against fp32', async () => {
    const root = dir as string;
    mkdirSync(root, { recursive: true });
    const configJson = new TextEncoder().encode(`${JSON.stringify({ model_type: 'altclip', ...BENCH_CONFIGS.full }, null, 2)}\n`);
    const config = AltCLIPConfig.fromDict(JSON.parse(new TextDecoder().decode(configJson)));
    let t = performance.now();
    const weights = initializeParameters(modelParameterSpecs(config), 0);
    console.log(`FULL init ${Math.round(performance.now() - t)} ms`);
    const inputs = fixtureShapedInputs(config);
    const embedded = new Map<string, { text: Float32Array; image: Float32Array }>();
    for (const variant of (process.env.ALTCLIP_FULL_VARIANTS ?? 'q4,int8').split(',')) {
      const [dtype, target = 'cpu'] = variant.split('-') as [WeightDType, 'cpu' | 'webgpu' | undefined];
      const out = join(root, variant);
      rmSync(out, { recursive: true, force: true });
      t = performance.now();
      const { manifest } = await exportWeights({ configJson, weights, out, dtype, target, parity: false, allOutputs: false });
      const exportMs = Math.round(performance.now() - t);
      const sizes = Object.fromEntries(manifest.files.map((f) => [f.path, f.size]));
      const total = manifest.files.reduce((n, f) => n + f.size, 0);
      console.log(`FULL ${variant} export ${exportMs} ms, ${total} bytes ${JSON.stringify(sizes)}`);
      if (target !== 'cpu') continue;
      t = performance.now();
      const model = await AltCLIPModel.fromPretrained(out, { backend: createOnnxNodeBackend({ cacheDir: false, sessionOptions: { intraOpNumThreads: 2 } }) });
      const textEmbeds = await model.getTextFeatures({ inputIds: inputs.inputIds, attentionMask: inputs.attentionMask });
      const imageEmbeds = await model.getImageFeatures({ pixelValues: inputs.pixelValues });
      const loadToFirstMs = Math.round(performance.now() - t);
      await model.dispose();
      writeFileSync(`${out}.onnx-node.json`, JSON.stringify({ variant, bytes: total, exportMs, loadToFirstMs, textEmbeds: Array.from(textEmbeds.data), imageEmbeds: Array.from(imageEmbeds.data) }));
      console.log(`FULL ${variant} onnx-node load→first embeddings ${loadToFirstMs} ms`);
      embedded.set(variant, { text: textEmbeds.data as Float32Array, image: imageEmbeds.data as Float32Array });
      expect(textEmbeds.dims).toEqual([2, 768]);
    }
    if (process.env.ALTCLIP_FULL_ACCURACY === '0') return;
    t = performance.now();
    const fp32 = await AltCLIPModel.fromWeights(config, weights, { backend: createOnnxNodeBackend({ cacheDir: false, sessionOptions: { intraOpNumThreads: 2 } }), dtype: 'fp32', onWarning: () => {} });
    const reference = { text: (await fp32.getTextFeatures({ inputIds: inputs.inputIds, attentionMask: inputs.attentionMask })).data as Float32Array, image: (await fp32.getImageFeatures({ pixelValues: inputs.pixelValues })).data as Float32Array };
    await fp32.dispose();
    console.log(`FULL fp32 reference (build on load) ${Math.round(performance.now() - t)} ms`);
    // Also the reference of the --target webgpu folders, which onnx-node cannot open (their graphs are the WebGPU variants).
    writeFileSync(join(root, 'fp32.onnx-node.json'), JSON.stringify({ variant: 'fp32 (built from the same weights)', textEmbeds: Array.from(reference.text), imageEmbeds: Array.from(reference.image) }));
    if (embedded.size === 0) return;
    const accuracy = Object.fromEntries([...embedded].map(([variant, e]) => [variant, { text: embeddingAgreement(e.text, reference.text, 768), image: embeddingAgreement(e.image, reference.image, 768) }]));
    writeFileSync(join(root, 'accuracy.json'), `${JSON.stringify({ inputs: '2 texts (7 tokens, padded) + 2 images 224 px (fixtureShapedInputs)', reference: 'fp32 on onnx-node, same weights', accuracy }, null, 2)}\n`);
    console.log(`FULL accuracy vs fp32 ${JSON.stringify(accuracy)}`);
  }, 3_600_000);
});

// Loading one exported folder in a fresh process, for memory: onnx-node opens the graphs by path (ORT reads
// the external data itself), so the weights never pass through JavaScript.
//   ALTCLIP_EXPORTED_LOAD=.cache/full-size/q4 pnpm vitest run --project @altclip/backend-onnx src/export/fullSize
const folder = process.env.ALTCLIP_EXPORTED_LOAD;
describe.skipIf(!folder)('exported folder: load → first embedding and peak RSS (set ALTCLIP_EXPORTED_LOAD=<dir>)', () => {
  it('prints JSON', async () => {
    const rssBefore = process.memoryUsage().rss;
    const t = performance.now();
    const model = await AltCLIPModel.fromPretrained(folder as string, { backend: createOnnxNodeBackend({ cacheDir: false, sessionOptions: { intraOpNumThreads: 2 } }) });
    const inputs = fixtureShapedInputs(model.config);
    await model.getTextFeatures({ inputIds: inputs.inputIds, attentionMask: inputs.attentionMask });
    await model.getImageFeatures({ pixelValues: inputs.pixelValues });
    const loadToFirstMs = Math.round(performance.now() - t);
    await model.dispose();
    const { statSync, readdirSync } = await import('node:fs');
    const onnx = join(folder as string, 'onnx');
    const bytes = readdirSync(onnx).reduce((n, f) => n + statSync(join(onnx, f)).size, 0);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    console.log(`EXPORTED-LOAD ${JSON.stringify({ folder, loadToFirstMs, graphBytes: bytes, peakRssBytes: peakRss, rssBeforeBytes: rssBefore, peakOverFiles: +(peakRss / bytes).toFixed(2), cpu: (await import('node:os')).cpus()[0]?.model })}`);
  }, 1_800_000);
});
