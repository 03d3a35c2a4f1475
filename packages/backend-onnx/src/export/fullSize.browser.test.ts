import { describe, expect, it } from 'vitest';
import type { FullSizeRequest, FullSizeStage } from './test-support/fullSizeWorker.js';

// Opt-in (the folders are written by fullSize.run.test.ts, see there): the full-size BAAI/AltCLIP
// architecture (random weights) exported as q4/int8, loaded by URL from this test server inside a Web
// Worker, with download progress and the Cache API (second load: no request), embedded on the wasm EP
// (and q4 on WebGPU) and checked against onnx-node's embeddings of the same files. Figures: README.
const base = new URL('/.cache/full-size/', location.origin).href;
const available = async (variant: string) => (await fetch(`${base}${variant}/altclip_export.json`, { method: 'HEAD' })).ok;

interface Result {
  ok: boolean;
  error?: string;
  requests: number;
  progressEvents: Record<string, number>;
  loadMs: number;
  firstEmbeddingMs: number;
  imagesPerSecond: number;
  textsPerSecond: number;
  textEmbeds: number[];
  imageEmbeds: number[];
}

function inWorker(request: FullSizeRequest): Promise<Result> {
  const worker = new Worker(new URL('./test-support/fullSizeWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<Result>((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data as Result);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

function relativeMaxDiff(actual: number[], expected: number[]): number {
  const scale = Math.max(...expected.map(Math.abs));
  return Math.max(...actual.map((v, i) => Math.abs(v - expected[i]))) / scale;
}

const cases: { variant: string; ep: 'wasm' | 'webgpu'; reference: string }[] = [
  { variant: 'q4', ep: 'wasm', reference: 'q4' },
  { variant: 'int8', ep: 'wasm', reference: 'int8' },
  // WebGPU: the one-text/one-image opt-in block below (the fixture-shaped batch did not finish in 12 minutes on SwiftShader).
];

describe('full-size AltCLIP in Chromium from an exported folder (opt-in)', () => {
  for (const { variant, ep, reference } of cases) {
    it(`${variant} on ${ep}: loads by URL in a worker, caches, matches onnx-node`, async (context) => {
      if (!(await available(variant))) context.skip(`no ${base}${variant}/ — run fullSize.run.test.ts with ALTCLIP_FULL_EXPORT=.cache/full-size first`);
      const cacheName = `altclip-full-${variant}-${Date.now()}`;
      try {
        const first = await inWorker({ url: `${base}${variant}/`, executionProvider: ep, cacheName });
        expect(first.error).toBeUndefined();
        const second = await inWorker({ url: `${base}${variant}/`, executionProvider: ep, cacheName });
        expect(second.error).toBeUndefined();
        expect(first.requests).toBeGreaterThan(0);
        expect(second.requests).toBe(0);
        expect(first.progressEvents['onnx/text_model.onnx.data']).toBeGreaterThan(1);
        const ref = (await (await fetch(`${base}${reference}.onnx-node.json`)).json()) as { textEmbeds: number[]; imageEmbeds: number[] };
        const textDiff = relativeMaxDiff(second.textEmbeds, ref.textEmbeds);
        const imageDiff = relativeMaxDiff(second.imageEmbeds, ref.imageEmbeds);
        console.log(`FULL-BROWSER ${JSON.stringify({ variant, ep, loadMs: [first.loadMs, second.loadMs], firstEmbeddingMs: [first.firstEmbeddingMs, second.firstEmbeddingMs], imagesPerSecond: second.imagesPerSecond, textsPerSecond: second.textsPerSecond, textDiff, imageDiff })}`);
        // Same graph, same weights: only float summation order differs between ORT's CPU EP and wasm/WebGPU kernels.
        // int8 is not compared: run 2026-12-05, wasm and onnx-node's CPU EP differ by 3.1e-2 (text) and
        // 1.3e-2 (image) relative on the same int8 files — float differences of ≈ 5e-7 between the runtimes
        // flip uint8 rounding boundaries, each flip a whole grid step, amplified with depth: the size of int8's
        // own error, neither runtime closer to the scheme (README "int8: CPU EP vs wasm", int8Kernels.run.test.ts).
        if (variant === 'int8') return;
        expect(textDiff).toBeLessThan(1e-3);
        expect(imageDiff).toBeLessThan(1e-3);
      } finally {
        await caches.delete(cacheName);
      }
    }, 1_800_000);
  }
});

// Opt-in on top (VITE_ALTCLIP_FULL_WEBGPU=1; minutes to hours on SwiftShader, a CPU emulation of a GPU): the
// WebGPU EP at full size with the smallest meaningful batch — one text of 7 tokens, then one image — from the
// --target webgpu folders (q4: float text tables; fp16: float32 Gather tables). Each finished step is logged as
// it comes (FULL-WEBGPU lines), compared with fp32 on onnx-node (fp32.onnx-node.json: same weights, built on
// load) and, for q4's image, with onnx-node on the q4 folder (same vision graph). Figures: README.
function stagesInWorker(request: FullSizeRequest, onStage: (stage: FullSizeStage) => void): Promise<{ ok: boolean; error?: string }> {
  const worker = new Worker(new URL('./test-support/fullSizeWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<{ ok: boolean; error?: string }>((resolve, reject) => {
    worker.onmessage = (e) => {
      if ('stage' in e.data) onStage(e.data as FullSizeStage);
      else resolve(e.data as { ok: boolean; error?: string });
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

// 7 minutes a folder by default (both fit one 20-minute run); VITE_ALTCLIP_FULL_WEBGPU_MINUTES gives one image longer.
const webgpuTimeoutMs = Number(import.meta.env.VITE_ALTCLIP_FULL_WEBGPU_MINUTES ?? 7) * 60_000;

describe.skipIf(!import.meta.env.VITE_ALTCLIP_FULL_WEBGPU)('full-size AltCLIP on the WebGPU EP, one text then one image (opt-in)', () => {
  for (const variant of ['q4-webgpu', 'fp16-webgpu']) {
    it(`${variant}: one text, then one image`, async (context) => {
      if (!(await available(variant))) context.skip(`no ${base}${variant}/ — run fullSize.run.test.ts with ALTCLIP_FULL_VARIANTS=q4-webgpu,fp16-webgpu first`);
      const fp32 = (await (await fetch(`${base}fp32.onnx-node.json`)).json()) as { textEmbeds: number[]; imageEmbeds: number[] };
      const q4 = (await fetch(`${base}q4.onnx-node.json`)).ok ? ((await (await fetch(`${base}q4.onnx-node.json`)).json()) as { imageEmbeds: number[] }) : undefined;
      const dim = fp32.textEmbeds.length / 2;
      const stages: Record<string, number> = {};
      const result = await stagesInWorker({ url: `${base}${variant}/`, executionProvider: 'webgpu', cacheName: false, batch: 'one' }, (stage) => {
        stages[stage.stage] = stage.ms;
        const against = (reference: number[]) => (stage.embeds ? cosine(stage.embeds, reference.slice(0, dim)) : undefined);
        const vsFp32 = stage.stage === 'text' ? against(fp32.textEmbeds) : stage.stage === 'image' ? against(fp32.imageEmbeds) : undefined;
        const vsQ4Node = stage.stage === 'image' && q4 && variant === 'q4-webgpu' && stage.embeds ? relativeMaxDiff(stage.embeds, q4.imageEmbeds.slice(0, dim)) : undefined;
        console.log(`FULL-WEBGPU ${JSON.stringify({ variant, stage: stage.stage, ms: Math.round(stage.ms), cosineVsFp32: vsFp32, relMaxDiffVsOnnxNodeQ4: vsQ4Node })}`);
      });
      expect(result.error).toBeUndefined();
      expect(Object.keys(stages)).toEqual(['loaded', 'text', 'image']);
    }, webgpuTimeoutMs);
  }
});

function cosine(a: number[], b: number[]): number {
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return +(ab / Math.sqrt(aa * bb)).toFixed(6);
}
