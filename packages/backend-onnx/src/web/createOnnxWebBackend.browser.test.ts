import { describeParity } from '@altclip/core/testing';
import { describe, it } from 'vitest';
import { asOrtModule, browserOrt } from './test-support/browserOrt.js';
import { createOnnxWebBackend } from './createOnnxWebBackend.js';

const runtime = asOrtModule(browserOrt());

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

// q4 (MatMulNBits) in Chromium, wasm and WebGPU EP: src/export/exported.browser.test.ts runs the suite on
// exported q4 folders (the same graphs the backend builds), so it is not repeated here.
