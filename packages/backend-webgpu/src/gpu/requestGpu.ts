import { WebGPUUnavailableError } from '../errors/WebGPUUnavailableError.js';

/** `navigator.gpu` in browsers and workers; Dawn (the `webgpu` package) in Node. */
export async function requestGpu(): Promise<GPU> {
  const navigatorGpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (navigatorGpu) return navigatorGpu;
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (isNode) {
    const { nodeGpu } = await import('#nodeGpu');
    return nodeGpu();
  }
  throw new WebGPUUnavailableError(
    'navigator.gpu is undefined: this browser or worker does not expose WebGPU (Chromium needs a secure context; headless Chromium needs --enable-unsafe-webgpu)',
  );
}
