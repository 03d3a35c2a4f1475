// Web Worker of ../fullSize.browser.test.ts: loads an exported full-size folder by URL (download progress,
// Cache API), embeds the fixture-shaped batch on onnx-web, and posts timings and embeddings back.
import { AltCLIPModel, urlFiles } from '@altclip/core';
import { asOrtModule, browserOrt } from '../../web/test-support/browserOrt.js';
import { createOnnxWebBackend } from '../../web/createOnnxWebBackend.js';
import { fixtureShapedInputs } from '../exportParity.js';

export interface FullSizeRequest {
  url: string;
  executionProvider: 'wasm' | 'webgpu';
  cacheName: string;
}

const post = (message: unknown) => (self as unknown as { postMessage(m: unknown): void }).postMessage(message);

self.onmessage = async (event: MessageEvent<FullSizeRequest>) => {
  const { url, executionProvider, cacheName } = event.data;
  try {
    let requests = 0;
    const progressEvents: Record<string, number> = {};
    const files = urlFiles(url, {
      cacheName,
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
      onProgress: (e) => {
        progressEvents[e.file] = (progressEvents[e.file] ?? 0) + 1;
      },
    });
    const backend = createOnnxWebBackend({ ort: asOrtModule(browserOrt()), sessionOptions: { executionProviders: [executionProvider] } });
    const start = performance.now();
    const model = await AltCLIPModel.fromPretrained(files, { backend });
    const loadMs = performance.now() - start;
    const inputs = fixtureShapedInputs(model.config);
    const textEmbeds = await model.getTextFeatures(inputs);
    const imageEmbeds = await model.getImageFeatures(inputs);
    const firstEmbeddingMs = performance.now() - start;
    let t = performance.now();
    await model.getImageFeatures(inputs);
    const imagesPerSecond = 2000 / (performance.now() - t);
    t = performance.now();
    await model.getTextFeatures(inputs);
    const textsPerSecond = 2000 / (performance.now() - t);
    await model.dispose();
    post({ ok: true, requests, progressEvents, loadMs, firstEmbeddingMs, imagesPerSecond, textsPerSecond, textEmbeds: Array.from(textEmbeds.data), imageEmbeds: Array.from(imageEmbeds.data) });
  } catch (error) {
    post({ ok: false, error: `${(error as Error).name}: ${(error as Error).message}` });
  }
};
