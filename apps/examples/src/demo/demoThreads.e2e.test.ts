import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { BENCH_CONFIGS, exportWeights } from '@altclip/backend-onnx/node';
import { AltCLIPConfig } from '@altclip/config';
import { initializeParameters, modelParameterSpecs, type WeightDType } from '@altclip/core';
import { describe, expect, it } from 'vitest';
import type { SpeedOutcome } from './engine/DemoJob.js';
import { clickAndWait, launchChromium, startDemoServer } from './test-support/demoTestSession.js';
import { startStaticHost } from './test-support/staticHost.js';

// Opt-in measurement, not a CI test (minutes of both cores; run it under `flock .cache/bench.lock`):
// onnxruntime-web's wasm EP with 1 and with 2 threads in the demo's worker, in the cross-origin-isolated
// page, on the medium benchmark model (random weights) exported to ALTCLIP_DEMO_THREADS=<dir> (written on
// first use). Runs alternate 1, 2, 2, 1, … threads (each a fresh worker: ORT fixes its count at init), and
// each reports the median of its timed calls; the JSON line gives every run, the figures in the READMEs
// are medians over runs.
//   ALTCLIP_DEMO_THREADS=.cache/demo-medium flock .cache/bench.lock pnpm vitest run --project @altclip/examples src/demo/demoThreads
// ALTCLIP_DEMO_THREADS_DTYPES (default fp32,int8), ALTCLIP_DEMO_THREADS_ROUNDS (default 3).
const dir = process.env.ALTCLIP_DEMO_THREADS;

async function exportedMedium(root: string, dtype: WeightDType): Promise<void> {
  if (existsSync(`${root}/${dtype}/altclip_export.json`)) return;
  mkdirSync(root, { recursive: true });
  const configJson = new TextEncoder().encode(`${JSON.stringify({ model_type: 'altclip', ...BENCH_CONFIGS.medium }, null, 2)}\n`);
  const config = AltCLIPConfig.fromDict(JSON.parse(new TextDecoder().decode(configJson)));
  const weights = initializeParameters(modelParameterSpecs(config), 0);
  await exportWeights({ configJson, weights, out: `${root}/${dtype}`, dtype, parity: false, allOutputs: false });
}

describe.skipIf(!dir)('onnx-web wasm threads in the demo: 1 vs 2 (set ALTCLIP_DEMO_THREADS=<dir> to run)', () => {
  it('prints JSON', async () => {
    const root = resolve(dir as string);
    const dtypes = (process.env.ALTCLIP_DEMO_THREADS_DTYPES ?? 'fp32,int8').split(',') as WeightDType[];
    const rounds = Number(process.env.ALTCLIP_DEMO_THREADS_ROUNDS ?? 3);
    for (const dtype of dtypes) await exportedMedium(root, dtype);
    const host = await startStaticHost(root);
    const { server, url } = await startDemoServer();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForSelector('#backend option', { state: 'attached', timeout: 90_000 });
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await page.selectOption('#backend', 'onnx-web-wasm');
      await page.evaluate(() => {
        const button = document.getElementById('speed')!;
        button.dataset.batch = '2';
        button.dataset.repeats = '3';
      });
      const runs: { dtype: string; threads: number; imagesPerSecond: number; textsPerSecond: number; loadMs: number | null; wasmThreads: number | null }[] = [];
      const loadBefore = loadavg()[0];
      for (const dtype of dtypes) {
        await page.fill('#model-url', `${host.url}${dtype}/`);
        for (let round = 0; round < rounds; round++) {
          for (const threads of round % 2 === 0 ? [1, 2] : [2, 1]) {
            await page.fill('#threads', String(threads));
            await clickAndWait(page, '#speed', 900_000);
            const outcome = JSON.parse((await page.locator('#speed-result').getAttribute('data-outcome'))!) as SpeedOutcome;
            expect(outcome.runtime).toEqual({ context: 'worker', crossOriginIsolated: true, wasmThreads: threads });
            runs.push({ dtype, threads, imagesPerSecond: outcome.imagesPerSecond, textsPerSecond: outcome.textsPerSecond, loadMs: outcome.loadMs, wasmThreads: outcome.runtime.wasmThreads });
            console.log(`DEMO-THREADS-RUN ${JSON.stringify(runs.at(-1))}`);
          }
        }
      }
      const median = (values: number[]) => {
        const s = [...values].sort((a, b) => a - b);
        return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      };
      const summary = dtypes.flatMap((dtype) =>
        [1, 2].map((threads) => {
          const mine = runs.filter((r) => r.dtype === dtype && r.threads === threads);
          return { dtype, threads, imagesPerSecond: median(mine.map((r) => r.imagesPerSecond)), textsPerSecond: median(mine.map((r) => r.textsPerSecond)), runs: mine.length };
        }),
      );
      const chromium = browser.version();
      console.log(`DEMO-THREADS ${JSON.stringify({ date: new Date().toISOString(), cpu: cpus()[0]?.model, cores: cpus().length, chromium, loadavg: [loadBefore, loadavg()[0]], model: 'medium (BENCH_CONFIGS.medium), random weights', batch: 2, textTokens: 16, repeats: 3, summary, runs })}`);
    } finally {
      await browser.close();
      await server.close();
      await host.close();
    }
  }, 1_800_000);
});
