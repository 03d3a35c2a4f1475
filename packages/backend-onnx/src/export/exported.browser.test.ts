import { AltCLIPModel, type ModelFiles, urlFiles } from '@altclip/core';
import { describeParity } from '@altclip/core/testing';
import { describe, expect, it } from 'vitest';
import { asOrtModule, browserOrt } from '../web/test-support/browserOrt.js';
import { createOnnxWebBackend } from '../web/createOnnxWebBackend.js';

// Exported folders of the tiny fixture (written by test-support/exportFixtures.globalSetup.ts), loaded
// by URL from the test server: nothing built, no checkpoint; the whole parity suite at each dtype's bounds.
const runtime = asOrtModule(browserOrt());
const wasm = () => createOnnxWebBackend({ ort: runtime, sessionOptions: { executionProviders: ['wasm'] } });
const webgpu = () => createOnnxWebBackend({ ort: runtime, sessionOptions: { executionProviders: ['webgpu'] } });
const folder = (name: string) => new URL(`/.cache/exported-fixtures/${name}/`, location.origin).href;
const files = (name: string): ModelFiles => urlFiles(folder(name), { cacheName: false });

describeParity({ name: 'onnx-web', createBackend: wasm, dtype: 'int8', modelFiles: files('int8') });
describeParity({ name: 'onnx-web', createBackend: wasm, dtype: 'q4', modelFiles: files('q4') });
// The WebGPU EP needs its graph variants (float Gather tables): exported with --target webgpu.
describeParity({ name: 'onnx-web-webgpu', createBackend: webgpu, dtype: 'q4', modelFiles: files('q4-webgpu') });
// fp32 (wasm) and fp16 (WebGPU) exported folders pass too (run 2026-12-05: 152/152 with the suites above),
// but each suite costs 1.5–2 min of Chromium here, and their graphs are the from-checkpoint ones that
// createOnnxWebBackend.browser.test.ts already runs: opt in with VITE_ALTCLIP_EXPORTED_ALL=1.
if (import.meta.env.VITE_ALTCLIP_EXPORTED_ALL) {
  describeParity({ name: 'onnx-web', createBackend: wasm, dtype: 'fp32', modelFiles: files('fp32') });
  describeParity({ name: 'onnx-web-webgpu', createBackend: webgpu, dtype: 'fp16', modelFiles: files('fp16-webgpu') });
} else {
  describe('exported fp32 (wasm) and fp16 (WebGPU) folders', () => {
    it.skip('opt-in: VITE_ALTCLIP_EXPORTED_ALL=1 (1.5–2 min of Chromium each; same graphs as the from-checkpoint suites)', () => {});
  });
}

describe('exported folder by URL in a browser', () => {
  it('reports download progress per file and, from the Cache API, makes no network request the second time', async () => {
    const cacheName = `altclip-test-${Math.random().toString(36).slice(2)}`;
    const requested: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      requested.push(String(input));
      return fetch(input, init);
    };
    const progress = new Map<string, number>();
    const load = () =>
      AltCLIPModel.fromPretrained(urlFiles(folder('q4'), { cacheName, fetch: countingFetch, onProgress: (e) => progress.set(e.file, e.loaded / e.total) }), { backend: wasm() });
    try {
      const first = await load();
      await first.dispose();
      expect(requested.length).toBeGreaterThan(0);
      expect(progress.get('onnx/text_model.onnx.data')).toBe(1);
      requested.length = 0;
      const second = await load();
      await second.dispose();
      expect(requested).toEqual([]);
    } finally {
      await caches.delete(cacheName);
    }
  });

  it('refuses an fp16 folder exported for the CPU on the WebGPU EP, naming the export option', async () => {
    // (fp32 folder asked as fp16 is refused by core; here the variant check of the backend)
    await expect(AltCLIPModel.fromPretrained(files('q4'), { backend: webgpu() })).rejects.toThrow(/--target webgpu/);
  });
});
