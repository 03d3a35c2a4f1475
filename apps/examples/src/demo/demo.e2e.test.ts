import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createOnnxNodeBackend } from '@altclip/backend-onnx/node';
import { AltCLIPModel, Tensor } from '@altclip/core';
import { AltCLIPProcessor } from '@altclip/processor';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Drives the demo page in Debian's headless Chromium and checks its probabilities against the
// same inputs run in Node through the public API (onnxruntime-node).

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtureDir = `${repoRoot}fixtures/altclip-tiny`;
const imagePath = `${fixtureDir}/images/chelsea.png`;
const screenshotPath = fileURLToPath(new URL('../../test-results/demo.png', import.meta.url));
const LABELS = ['a cat', 'un chien', '一只猫', 'ein Auto', 'кошка на диване', 'صورة قطة', 'एक बिल्ली'];
const TEMPLATE = 'a photo of {}';

/** Softmax over Node's `logitsPerImage`, in float64, keyed by label. */
async function nodeProbabilities(): Promise<Map<string, number>> {
  const processor = await AltCLIPProcessor.fromPretrained(fixtureDir);
  const model = await AltCLIPModel.fromPretrained(fixtureDir, { backend: createOnnxNodeBackend() });
  try {
    const texts = LABELS.map((label) => TEMPLATE.replace('{}', label));
    const { inputIds, attentionMask, pixelValues } = await processor({ text: texts, images: imagePath, padding: true, truncation: true });
    const pixels = new Tensor('float32', pixelValues!.data, [...pixelValues!.dims]);
    const out = await model.forward({ inputIds: inputIds as number[][], attentionMask: attentionMask as number[][], pixelValues: pixels });
    const logits = Array.from(out.logitsPerImage.data);
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return new Map(LABELS.map((label, i) => [label, exps[i] / sum]));
  } finally {
    await model.dispose();
  }
}

async function startDemoServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
    server: { host: '127.0.0.1', port: 0, watch: null, hmr: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

let server: ViteDevServer | undefined;
let browser: Browser | undefined;
let page: Page;
let expected: Map<string, number>;
let runs = 0;
const pageErrors: string[] = [];

beforeAll(async () => {
  const started = await startDemoServer();
  server = started.server;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  expected = await nodeProbabilities();
  await page.goto(started.url);
  // The script fills the backend list; without it the page never loaded.
  await page.waitForSelector('#backend option', { state: 'attached', timeout: 15_000 });
  await page.setInputFiles('#image-input', imagePath);
  await page.fill('#labels', LABELS.join('\n'));
  await page.fill('#template', TEMPLATE);
});

afterAll(async () => {
  if (page) {
    mkdirSync(fileURLToPath(new URL('.', `file://${screenshotPath}`)), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true }).catch(() => {});
  }
  await browser?.close();
  await server?.close();
});

/** Runs the page on one backend and returns the ranking it shows: [label, probability] best first. */
async function runOn(backendId: string): Promise<[string, number][]> {
  await page.selectOption('#backend', backendId);
  await page.click('#run');
  runs += 1;
  await page.waitForFunction(
    (n) => document.getElementById('status')?.dataset.state === 'error' || (document.getElementById('history') as HTMLTableSectionElement).rows.length >= n,
    runs,
    { timeout: 30_000 },
  );
  const status = await page.locator('#status').getAttribute('data-state');
  if (status === 'error') {
    runs -= 1;
    throw new Error(`page error on ${backendId}: ${await page.locator('#status').textContent()}`);
  }
  return page.$$eval('#ranking li', (items) => items.map((li) => [li.dataset.label ?? '', Number(li.dataset.probability)] as [string, number]));
}

describe('browser demo in headless Chromium', () => {
  it.each(['onnx-web-wasm', 'onnx-web-webgpu', 'tfjs-webgl', 'tfjs-webgpu', 'tfjs-wasm', 'webgpu'])('%s gives the Node probabilities', async (backendId) => {
    const ranking = await runOn(backendId);
    expect(ranking.map(([label]) => label).sort()).toEqual([...LABELS].sort());
    for (const [label, probability] of ranking) expect(Math.abs(probability - expected.get(label)!), label).toBeLessThan(1e-4);
    const probabilities = ranking.map(([, p]) => p);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(pageErrors).toEqual([]);
  });
});
