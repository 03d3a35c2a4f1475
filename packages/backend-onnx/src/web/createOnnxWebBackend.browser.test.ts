import { describeParity } from '@altclip/core/testing';
import { describe, it } from 'vitest';
// The shared vitest config resolves bare `onnxruntime-web` with the `node` condition even for
// the browser project (its dep optimizer then bundles ORT's Node build); `/all` has no Node variant.
import * as ort from 'onnxruntime-web/all';
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import type { OrtModule } from '../runtime/OrtModule.js';
import { createOnnxWebBackend } from './createOnnxWebBackend.js';

// Vite serves the pre-bundled JavaScript away from ORT's wasm files: pass their URLs, as a bundled app would.
ort.env.wasm.wasmPaths = { mjs: mjsUrl, wasm: wasmUrl };
// No cross-origin isolation in the test page → no SharedArrayBuffer → one thread.
ort.env.wasm.numThreads = 1;
// Node-placement notices (shape ops stay on CPU) are expected; keep the test log readable.
ort.env.logLevel = 'error';

const runtime = ort as unknown as OrtModule;

const wasm = () => createOnnxWebBackend({ ort: runtime, sessionOptions: { executionProviders: ['wasm'] } });
describeParity({ name: 'onnx-web', createBackend: wasm });
const webgpu = () => createOnnxWebBackend({ ort: runtime, sessionOptions: { executionProviders: ['webgpu'] } });
describeParity({ name: 'onnx-web-webgpu', createBackend: webgpu });
describeParity({ name: 'onnx-web', createBackend: wasm, dtype: 'int8' });
describeParity({ name: 'onnx-web', createBackend: wasm, dtype: 'fp16' });
describeParity({ name: 'onnx-web-webgpu', createBackend: webgpu, dtype: 'fp16' });
// int8 with the webgpu EP is refused (backend/int8Support.ts; reproduction in ortWebgpuInt8.browser.test.ts).

// Half-precision compute needs the adapter feature 'shader-f16'; Chromium's SwiftShader adapter
// here lacks it (ORT's WGSL then fails: "'f16' type used without 'f16' extension enabled").
const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ features: Set<string> } | null> } }).gpu;
const adapter = await gpu?.requestAdapter();
if (adapter?.features.has('shader-f16')) {
  describeParity({ name: 'onnx-web-webgpu-fp16-compute', createBackend: webgpu, dtype: 'fp16', backendOptions: { compute: 'float16' } });
} else {
  describe('AltCLIP parity: onnx-web-webgpu-fp16-compute', () => {
    it.skip(`skipped: this WebGPU adapter has no 'shader-f16' feature (adapter: ${adapter ? 'present' : 'none'})`, () => {});
  });
}
