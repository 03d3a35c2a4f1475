/// <reference types="vite/client" />
import { describeParity } from '@altclip/core/testing';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import * as webgl from '@tensorflow/tfjs-backend-webgl';
import * as webgpu from '@tensorflow/tfjs-backend-webgpu';
import { describe, expect, it } from 'vitest';
import { createTfjsBackend } from './createTfjsBackend.js';

// Vite serves the JavaScript away from the .wasm binaries: the page passes their URLs, as a bundled app would.
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
};
// A bundled page hands over the runtime packages it imported (the backend names none itself).
const runtimes = { wasm, webgl, webgpu };

describe('tfjs runtimes in headless Chromium', () => {
  it('webgl renders float32 here (WEBGL_RENDER_FLOAT32_ENABLED), so fp32 is true float32', async () => {
    const backend = createTfjsBackend({ backend: 'webgl', runtimes });
    await backend.init();
    expect(backend.runtime).toEqual({ name: 'webgl', environment: 'browser', precision: 'float32' });
  });

  it('picks webgpu first when nothing is forced', async () => {
    const backend = createTfjsBackend({ wasmPaths, runtimes });
    await backend.init();
    expect(backend.runtime?.name).toBe('webgpu');
  });

  it('wasm loads its binaries from the given URLs (SIMD; no threads without cross-origin isolation)', async () => {
    const backend = createTfjsBackend({ backend: 'wasm', wasmPaths, runtimes });
    await backend.init();
    expect(backend.runtime).toMatchObject({ name: 'wasm', simd: true, threads: crossOriginIsolated ? expect.any(Number) : 1 });
  });
});

describeParity({ name: 'tfjs-webgl', createBackend: () => createTfjsBackend({ backend: 'webgl', runtimes }) });
describeParity({ name: 'tfjs-webgpu', createBackend: () => createTfjsBackend({ backend: 'webgpu', runtimes }) });
describeParity({ name: 'tfjs-wasm', createBackend: () => createTfjsBackend({ backend: 'wasm', wasmPaths, runtimes }) });
