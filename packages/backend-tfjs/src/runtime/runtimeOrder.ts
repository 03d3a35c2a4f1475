import type { BackendEnvironment } from '@altclip/core';
import type { TfjsRuntimeName } from './TfjsRuntimeName.js';

/**
 * Runtimes tried, first to last, when the user does not force one.
 * Node: native TensorFlow when `@tensorflow/tfjs-node` is installed, else wasm (XNNPACK
 * matmuls, about 10× the JS `cpu` kernels), else cpu.
 * Browsers: WebGPU computes in float32; WebGL only where it can render float32 textures
 * (otherwise it silently drops to float16), so it comes second; then wasm and cpu.
 */
export function runtimeOrder(environment: BackendEnvironment): readonly TfjsRuntimeName[] {
  return environment === 'node' ? ['tensorflow', 'wasm', 'cpu'] : ['webgpu', 'webgl', 'wasm', 'cpu'];
}
