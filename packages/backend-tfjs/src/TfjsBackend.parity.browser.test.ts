
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import { describe, expect, it } from 'vitest';
import { createTfjsBackend } from './createTfjsBackend.js';

// Vite moves the JavaScript away from the .wasm binaries: the page passes their URLs, as a bundled app would.
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
};

describe('tfjs runtimes in headless Chromium', () => {
  for (const backend of ['webgl', 'webgpu', 'wasm'] as const) {
    it(`${backend}`, async () => {
      const b = createTfjsBackend({ backend, wasmPaths });
      await b.init();
      console.log(JSON.stringify(b.runtime));
      expect(b.runtime?.name).toBe(backend);
    });
  }
});
