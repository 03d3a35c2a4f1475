import type { OrtSessionOptions } from '../runtime/OrtModule.js';

/**
 * Why int8 is not offered with the webgpu execution provider. Measured in headless Chromium with
 * onnxruntime-web 1.30: a Gather on an int8 table returns wrong rows, and the output of
 * com.microsoft.DynamicQuantizeMatMul (placed on the CPU) reaches the following WebGPU MatMul
 * wrong, while the same graph is right on wasm (src/web/ortWebgpuInt8.browser.test.ts keeps the
 * reproduction). onnxruntime-node's WebGPU EP has no adapter here, so it is not offered there either.
 */
export const WEBGPU_INT8_REASON =
  "int8 is not offered with the 'webgpu' execution provider: onnxruntime 1.30's WebGPU EP computes int8 graphs wrongly (int8 Gather, DynamicQuantizeMatMul feeding WebGPU kernels); use fp16 or fp32 on WebGPU, or int8 on 'wasm'/'cpu'";

/** Whether the session options name the webgpu execution provider (as a string or `{ name }`). */
export function usesWebgpu(sessionOptions: OrtSessionOptions | undefined): boolean {
  const providers = sessionOptions?.executionProviders;
  if (!Array.isArray(providers)) return false;
  return providers.some((p) => (typeof p === 'string' ? p : (p as { name?: unknown } | null)?.name) === 'webgpu');
}
