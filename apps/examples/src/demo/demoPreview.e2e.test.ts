import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { describe, expect, it } from 'vitest';
import { clickAndWait, fixtureDir, launchChromium } from './test-support/demoTestSession.js';

// Opt-in (a production build takes 1–2 min of both cores here): the built demo (`demo:build`) under
// `vite preview` is cross-origin isolated too, and ORT's threaded wasm, the demo worker and ORT's pthread
// worker are emitted and served with the headers that allow it.
//   ALTCLIP_DEMO_PREVIEW=1 pnpm vitest run --project @altclip/examples src/demo/demoPreview
const configFile = fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url));

describe.skipIf(!process.env.ALTCLIP_DEMO_PREVIEW)('built demo under vite preview (set ALTCLIP_DEMO_PREVIEW=1)', () => {
  it('runs onnxruntime-web with 2 wasm threads in its worker', async () => {
    await build({ configFile, logLevel: 'warn' });
    const server = await preview({ configFile, preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
    const browser = await launchChromium();
    try {
      const url = server.resolvedUrls!.local[0];
      const page = await browser.newPage();
      const headers = new Map<string, Record<string, string>>();
      page.on('response', (response) => headers.set(response.url().replace(url, ''), response.headers()));
      await page.goto(url);
      await page.waitForSelector('#backend option', { state: 'attached' });
      await page.setInputFiles('#image-input', `${fixtureDir}/images/chelsea.png`);
      await page.fill('#threads', '2');
      await clickAndWait(page, '#run');
      expect(await page.locator('#runtime').textContent()).toBe('worker · cross-origin isolated · 2 wasm threads');
      const cdp = await browser.newBrowserCDPSession();
      const workers = (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'worker').map((t) => t.title);
      expect(workers).toEqual(expect.arrayContaining(['altclip-demo', 'em-pthread']));
      const served = [...headers.keys()];
      for (const pattern of [/^assets\/ort-wasm-simd-threaded\.jsep-[\w-]+\.wasm$/, /^assets\/demoWorker-[\w-]+\.js$/, /^models\/altclip-tiny\/model\.safetensors$/]) {
        const file = served.find((path) => pattern.test(path));
        expect(file, String(pattern)).toBeDefined();
        expect(headers.get(file!)).toMatchObject({ 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin' });
      }
      expect(headers.get('')).toMatchObject({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
    } finally {
      await browser.close();
      await server.close();
    }
  }, 600_000);
});
