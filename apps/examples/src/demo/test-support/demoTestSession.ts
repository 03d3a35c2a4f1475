// Test support for the demo's end-to-end tests: the Vite dev server of demo/vite.config.ts on loopback,
// Debian's headless Chromium, and the Node (onnxruntime-node) probabilities the page must show.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createOnnxNodeBackend } from '@altclip/backend-onnx/node';
import { AltCLIPModel, Tensor } from '@altclip/core';
import { AltCLIPProcessor } from '@altclip/processor';
import { type Browser, chromium } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
export const fixtureDir = `${repoRoot}fixtures/altclip-tiny`;

export async function startDemoServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: fileURLToPath(new URL('../../../demo/vite.config.ts', import.meta.url)),
    server: { host: '127.0.0.1', port: 0, watch: null, hmr: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/**
 * Debian's Chromium. ALTCLIP_DEMO_CHROMIUM_ARGS (space-separated) adds launch flags — for measurements
 * (e.g. the threads measurement's `--disable-gpu`), not for the CI tests.
 */
export function launchChromium(): Promise<Browser> {
  const extra = (process.env.ALTCLIP_DEMO_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extra],
  });
}

/** Softmax over Node's `logitsPerImage` (onnxruntime-node, the checkpoint), in float64, keyed by label. */
export async function nodeProbabilities(labels: readonly string[], template: string, imagePath: string): Promise<Map<string, number>> {
  const processor = await AltCLIPProcessor.fromPretrained(fixtureDir);
  const model = await AltCLIPModel.fromPretrained(fixtureDir, { backend: createOnnxNodeBackend() });
  try {
    const texts = labels.map((label) => template.replace('{}', label));
    const { inputIds, attentionMask, pixelValues } = await processor({ text: texts, images: imagePath, padding: true, truncation: true });
    const pixels = new Tensor('float32', pixelValues!.data, [...pixelValues!.dims]);
    const out = await model.forward({ inputIds: inputIds as number[][], attentionMask: attentionMask as number[][], pixelValues: pixels });
    const logits = Array.from(out.logitsPerImage.data);
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return new Map(labels.map((label, i) => [label, exps[i] / sum]));
  } finally {
    await model.dispose();
  }
}

/**
 * Clicks `button` (#run or #speed) and waits until the page reports done or an error; throws the page's
 * error message. The status is reset first, so an earlier "done" is not taken for this one.
 */
export async function clickAndWait(page: import('playwright-core').Page, button: '#run' | '#speed', timeout = 90_000): Promise<void> {
  await page.evaluate(() => {
    document.getElementById('status')!.dataset.state = 'idle';
  });
  await page.click(button);
  await page.waitForFunction(() => ['done', 'error'].includes(document.getElementById('status')?.dataset.state ?? ''), undefined, { timeout });
  if ((await page.locator('#status').getAttribute('data-state')) === 'error') throw new Error(`the page failed: ${await page.locator('#status').textContent()}`);
}

/** The ranking the page shows: label → probability. */
export async function shownProbabilities(page: import('playwright-core').Page): Promise<Map<string, number>> {
  const rows = await page.$$eval('#ranking li', (items) => items.map((li) => [li.dataset.label ?? '', Number(li.dataset.probability)] as [string, number]));
  return new Map(rows);
}
