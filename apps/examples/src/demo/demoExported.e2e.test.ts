import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { exportModel } from '@altclip/backend-onnx/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpeedOutcome } from './engine/DemoJob.js';
import { clickAndWait, fixtureDir, launchChromium, nodeProbabilities, shownProbabilities, startDemoServer } from './test-support/demoTestSession.js';
import { type StaticHost, startStaticHost } from './test-support/staticHost.js';

// The demo on an exported folder (`altclip export` of the tiny fixture, written here) served by URL from
// another origin, in headless Chromium: per-file download progress, the Cache API (a reload downloads
// nothing), inference in the page's module worker with the same results as on the page's thread and as
// Node, a main thread that keeps answering while the worker embeds, and wasm threads in the
// cross-origin-isolated page.

const imagePath = `${fixtureDir}/images/chelsea.png`;
const LABELS = ['a cat', 'un chien', '一只猫', 'кошка на диване'];
const TEMPLATE = 'a photo of {}';
/** Files of the exported folder whose bytes the page downloads (graphs, their data, extras, config, tokenizer, preprocessor). */
const DOWNLOADED = ['altclip_export.json', 'config.json', 'onnx/text_model.onnx', 'onnx/text_model.onnx.data', 'onnx/vision_model.onnx', 'onnx/vision_model.onnx.data'];

let exportDir: string;
let host: StaticHost;
let server: ViteDevServer | undefined;
let demoUrl: string;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;
let expected: Map<string, number>;
const pageErrors: string[] = [];
/** Response headers by URL, the worker's requests included (Playwright reports them on the page). */
const responseHeaders = new Map<string, Record<string, string>>();

async function openDemo(): Promise<Page> {
  const opened = await context.newPage();
  opened.on('pageerror', (error) => pageErrors.push(error.message));
  opened.on('response', (response) => responseHeaders.set(response.url(), response.headers()));
  opened.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  await opened.goto(demoUrl);
  await opened.waitForSelector('#backend option', { state: 'attached', timeout: 90_000 });
  await opened.setInputFiles('#image-input', imagePath);
  await opened.fill('#labels', LABELS.join('\n'));
  await opened.fill('#template', TEMPLATE);
  await opened.fill('#model-url', `${host.url}fp32/`);
  await opened.selectOption('#backend', 'onnx-web-wasm');
  return opened;
}

beforeAll(async () => {
  exportDir = mkdtempSync(`${tmpdir()}/altclip-demo-exported-`);
  await exportModel({ model: fixtureDir, out: `${exportDir}/fp32`, dtype: 'fp32', parity: false, allOutputs: false });
  host = await startStaticHost(exportDir);
  const started = await startDemoServer();
  server = started.server;
  demoUrl = started.url;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  expected = await nodeProbabilities(LABELS, TEMPLATE, imagePath);
  page = await openDemo();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await host?.close();
  if (exportDir) rmSync(exportDir, { recursive: true, force: true });
});

/** Workers the browser runs whose name is ORT's pthread workers' (Emscripten names them `em-pthread`). */
async function pthreadWorkers(): Promise<number> {
  const cdp = await browser!.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'worker' && t.title === 'em-pthread').length;
  } finally {
    await cdp.detach();
  }
}

/**
 * Clicks "Measure speed" (`batch` synthetic images and texts, `repeats` timed calls each) while a
 * setTimeout(0) chain on the page's main thread records when it got to run; returns the outcome, the
 * number of pings and the longest gap between two of them.
 */
async function speedWhilePinging(batch: number, repeats: number): Promise<{ outcome: SpeedOutcome; pings: number; longestGapMs: number }> {
  await page.evaluate(
    ([b, r]) => {
      const button = document.getElementById('speed')!;
      button.dataset.batch = String(b);
      button.dataset.repeats = String(r);
      const state = { pings: [] as number[], stop: false };
      (globalThis as unknown as { __ping: typeof state }).__ping = state;
      const tick = () => {
        state.pings.push(performance.now());
        if (!state.stop) setTimeout(tick, 0);
      };
      tick();
    },
    [batch, repeats],
  );
  await clickAndWait(page, '#speed');
  const pings = await page.evaluate(() => {
    const state = (globalThis as unknown as { __ping: { pings: number[]; stop: boolean } }).__ping;
    state.stop = true;
    return state.pings;
  });
  const outcome = JSON.parse((await page.locator('#speed-result').getAttribute('data-outcome'))!) as SpeedOutcome;
  const longestGapMs = Math.max(...pings.slice(1).map((t, i) => t - pings[i]));
  return { outcome, pings: pings.length, longestGapMs };
}

function expectClose(actual: Map<string, number>, reference: Map<string, number>, tolerance: number): void {
  expect([...actual.keys()].sort()).toEqual([...reference.keys()].sort());
  for (const [label, p] of actual) expect(Math.abs(p - reference.get(label)!), label).toBeLessThanOrEqual(tolerance);
}

/** The probabilities the worker showed first (1 wasm thread, ORT's default on 2 cores). */
let inWorker: Map<string, number>;

describe('demo on an exported folder by URL', () => {
  it('loads it in the worker with per-file progress and shows the Node probabilities', async () => {
    await clickAndWait(page, '#run');
    expect(await page.locator('#runtime').textContent()).toMatch(/^worker · cross-origin isolated · 1 wasm thread$/);
    const progress = await page.$$eval('#progress li', (items) => items.map((li) => [li.dataset.file, Number(li.dataset.loaded), Number(li.dataset.total)] as const));
    const shown = new Map(progress.map(([file, loaded, total]) => [file, { loaded, total }]));
    for (const file of DOWNLOADED) {
      const size = statSync(`${exportDir}/fp32/${file}`).size;
      expect(shown.get(file), file).toEqual({ loaded: size, total: size });
    }
    expect(await page.locator('#progress li[data-file="onnx/vision_model.onnx.data"]').textContent()).toMatch(/^onnx\/vision_model\.onnx\.data — [\d.]+ [KM]B \/ [\d.]+ [KM]B$/);
    inWorker = await shownProbabilities(page);
    expectClose(inWorker, expected, 1e-4);
    // ORT's default on this 2-core machine is one thread: no pthread workers.
    expect(await pthreadWorkers()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('gives the same probabilities on the page thread as in the worker', async () => {
    await page.uncheck('#in-worker');
    await clickAndWait(page, '#run');
    expect(await page.locator('#runtime').textContent()).toMatch(/^page thread · cross-origin isolated · 1 wasm thread$/);
    // Same wasm kernels, same inputs, one thread each: the same floats.
    expectClose(await shownProbabilities(page), inWorker, 0);
    await page.check('#in-worker');
  });

  it('loads from the Cache API after a reload: no request reaches the host', async () => {
    expect(host.requests.length).toBeGreaterThan(0);
    host.requests.length = 0;
    await page.close();
    page = await openDemo();
    await clickAndWait(page, '#run');
    expect(host.requests).toEqual([]);
    const progress = await page.$$eval('#progress li', (items) => items.map((li) => li.dataset.file));
    expect(progress).toEqual(expect.arrayContaining(DOWNLOADED));
    expectClose(await shownProbabilities(page), inWorker, 0);
    expect(pageErrors).toEqual([]);
  });

  it('keeps the main thread answering while the worker embeds', async () => {
    // 384 images at the fixture's 30 px and 384 texts: each tower call takes long enough to be seen.
    const inWorkerRun = await speedWhilePinging(384, 2);
    await page.uncheck('#in-worker');
    const onPage = await speedWhilePinging(384, 2);
    await page.check('#in-worker');
    const longestCall = (o: SpeedOutcome) => Math.max(...o.imageMs, ...o.textMs);
    const shortestCall = (o: SpeedOutcome) => Math.min(...o.imageMs, ...o.textMs);
    console.log(
      `DEMO-RESPONSIVENESS ${JSON.stringify({ worker: { pings: inWorkerRun.pings, longestGapMs: inWorkerRun.longestGapMs, callMs: [shortestCall(inWorkerRun.outcome), longestCall(inWorkerRun.outcome)] }, page: { pings: onPage.pings, longestGapMs: onPage.longestGapMs, callMs: [shortestCall(onPage.outcome), longestCall(onPage.outcome)] } })}`,
    );
    // The probe can see blocking: on the page's thread no ping runs while a tower call runs.
    expect(onPage.longestGapMs).toBeGreaterThanOrEqual(shortestCall(onPage.outcome));
    // In the worker the page thread kept answering: its longest gap is under half of the worker's timed
    // embedding work (4 tower calls; relative, since a loaded machine slows both alike), and under 500 ms.
    const timedWork = [...inWorkerRun.outcome.imageMs, ...inWorkerRun.outcome.textMs].reduce((a, b) => a + b, 0);
    expect(inWorkerRun.longestGapMs).toBeLessThan(Math.min(500, timedWork / 2));
    expect(inWorkerRun.pings).toBeGreaterThan(20);
    expect(inWorkerRun.outcome.runtime.context).toBe('worker');
    expect(onPage.outcome.runtime.context).toBe('page');
  });
});

describe('wasm threads in the cross-origin-isolated page', () => {
  it('serves COOP/COEP (and CORP on its files): the page and its worker are cross-origin isolated', async () => {
    const response = await page.request.get(demoUrl);
    expect(response.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // The worker script and ORT's threaded wasm (the one file ORT 1.30 has for 1 or more threads), as the worker fetched them.
    const served = [...responseHeaders.keys()];
    for (const pattern of [/\/engine\/demoWorker\.ts\?worker_file/, /\/onnxruntime-web\/dist\/ort-wasm-simd-threaded\.jsep\.wasm$/]) {
      const url = served.find((u) => pattern.test(u));
      expect(url, String(pattern)).toBeDefined();
      expect(responseHeaders.get(url!)).toMatchObject({ 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin' });
    }
  });

  it('runs onnxruntime-web with 2 threads in the worker when asked (ORT pthread workers exist), same probabilities', async () => {
    // The first test ran with ORT's default here, 1 thread, and no pthread worker.
    const oneThread = inWorker;
    await page.fill('#threads', '2');
    await clickAndWait(page, '#run');
    // ORT writes back the count it initialised with (1 when threads are unavailable).
    expect(await page.locator('#runtime').textContent()).toBe('worker · cross-origin isolated · 2 wasm threads');
    expect(await pthreadWorkers()).toBeGreaterThanOrEqual(1);
    // Threads split the same sums differently: float32 rounding, far below the 1e-4 against Node.
    expectClose(await shownProbabilities(page), oneThread, 1e-6);
    expectClose(oneThread, expected, 1e-4);
    expect(pageErrors).toEqual([]);
    // On the page's thread ORT already started with 1 thread (the responsiveness test): another count is refused, not ignored.
    await page.uncheck('#in-worker');
    await expect(clickAndWait(page, '#run')).rejects.toThrow(/DemoInputError: threads: onnxruntime-web already runs with 1 thread\(s\) on the page's thread/);
    await page.check('#in-worker');
    pageErrors.length = 0; // the page logs the error it shows
  });
});
