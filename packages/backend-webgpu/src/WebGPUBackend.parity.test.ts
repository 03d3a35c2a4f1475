import { describeParity } from '@altclip/core/testing';
import { describe, it } from 'vitest';
import { testGpu } from './testing/testGpu.js';
import { WebGPUBackend } from './WebGPUBackend.js';

// Node: Dawn through the `webgpu` package (SwiftShader on machines without a GPU).
const gpu = await testGpu();

if (gpu.context) {
  describeParity({ name: 'webgpu', createBackend: () => new WebGPUBackend() });
} else {
  describe('AltCLIP parity: webgpu (Node)', () => {
    it.skip(`skipped: ${gpu.skipReason}`, () => {});
  });
}
