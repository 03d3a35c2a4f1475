// Web Worker of ../fullSize.browser.test.ts: loads an exported full-size folder by URL (download progress,
// Cache API), embeds the fixture-shaped batch on onnx-web, and posts timings and embeddings back.
import { AltCLIPModel, Tensor, urlFiles } from '@altclip/core';
import { createOnnxWebBackend } from '../../web/createOnnxWebBackend.js';
import { asOrtModule, browserOrt } from '../../web/test-support/browserOrt.js';
import { fixtureShapedInputs } from '../exportParity.js';

export interface FullSizeRequest {
  url: string;
  executionProvider: 'wasm' | 'webgpu';
  /** false: no Cache API (one load only). */
  cacheName: string | false;
  /**
   * 'fixture' (default): the fixture-shaped batch, then a second pass of each for the rates.
   * 'one': one text (its first 7 tokens), then one image, posting a `stage` message after each step so that
   * a step that never finishes still leaves the earlier ones (WebGPU on SwiftShader).
   */
  batch?: 'fixture' | 'one';
}

/** What the 'one' batch posts after each step. */
export interface FullSizeStage {
  stage: 'loaded' | 'text' | 'image';
  ms: number;
  embeds?: number[];
}

const post = (message: unknown) => (self as unknown as { postMessage(m: unknown): void }).postMessage(message);

self.onmessage = async (event: MessageEvent<FullSizeRequest>) => {
  const { url, executionProvider, cacheName, batch = 'fixture' } = event.data;
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
    if (batch === 'one') {
      post({ stage: 'loaded', ms: loadMs } satisfies FullSizeStage);
      const seq = inputs.inputIds.dims[1];
      let t = performance.now();
      const text = await model.getTextFeatures({ inputIds: new Tensor('int64', inputs.inputIds.data.slice(0, seq), [1, seq]) });
      post({ stage: 'text', ms: performance.now() - t, embeds: Array.from(text.data) } satisfies FullSizeStage);
      const [, channels, height, width] = inputs.pixelValues.dims;
      t = performance.now();
      const image = await model.getImageFeatures({ pixelValues: new Tensor('float32', inputs.pixelValues.data.slice(0, channels * height * width), [1, channels, height, width]) });
      post({ stage: 'image', ms: performance.now() - t, embeds: Array.from(image.data) } satisfies FullSizeStage);
      await model.dispose();
      post({ ok: true, requests, progressEvents });
      return;
    }
    const textEmbeds = await model.getTextFeatures({ inputIds: inputs.inputIds, attentionMask: inputs.attentionMask });
    const imageEmbeds = await model.getImageFeatures({ pixelValues: inputs.pixelValues });
    const firstEmbeddingMs = performance.now() - start;
    let t = performance.now();
    await model.getImageFeatures({ pixelValues: inputs.pixelValues });
    const imagesPerSecond = 2000 / (performance.now() - t);
    t = performance.now();
    await model.getTextFeatures({ inputIds: inputs.inputIds, attentionMask: inputs.attentionMask });
    const textsPerSecond = 2000 / (performance.now() - t);
    await model.dispose();
    post({ ok: true, requests, progressEvents, loadMs, firstEmbeddingMs, imagesPerSecond, textsPerSecond, textEmbeds: Array.from(textEmbeds.data), imageEmbeds: Array.from(imageEmbeds.data) });
  } catch (error) {
    post({ ok: false, error: `${(error as Error).name}: ${(error as Error).message}` });
  }
};
