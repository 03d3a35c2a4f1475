import { describeParity } from '@altclip/core/testing';
import { describe, it } from 'vitest';
import { createOnnxNodeBackend, importOnnxruntimeNode } from './createOnnxNodeBackend.js';
import { webgpuUnavailableReason } from './webgpuProbe.js';

// onnxruntime-node bundles a WebGPU EP (Dawn). On this machine Dawn finds no adapter:
// its Vulkan backend rejects the only Vulkan device ("Vulkan shaderUniform*ArrayDynamicIndexing
// required") and ORT-node's Dawn ships no SwiftShader fallback. The suite runs wherever it does.
const reason = await webgpuUnavailableReason(await importOnnxruntimeNode());

if (reason === undefined) {
  describeParity({ name: 'onnx-node-webgpu', createBackend: () => createOnnxNodeBackend({ cacheDir: false, sessionOptions: { executionProviders: ['webgpu'] } }) });
} else {
  describe('AltCLIP parity: onnx-node-webgpu', () => {
    it.skip(`skipped: onnxruntime-node's WebGPU EP has no adapter here — ${reason.split('\n')[0].slice(0, 300)}`, () => {});
  });
}
