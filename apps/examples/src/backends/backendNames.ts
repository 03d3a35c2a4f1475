/**
 * Backend names the CLI accepts. Each maps to one runtime of one backend package,
 * so a parity or bench table row names exactly what ran.
 */
export const BACKEND_NAMES = ['onnx', 'onnx-web', 'tfjs', 'tfjs-cpu', 'webgpu', 'reference'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export const BACKEND_DESCRIPTIONS: Record<BackendName, string> = {
  onnx: 'onnxruntime-node, cpu execution provider',
  'onnx-web': 'onnxruntime-web, wasm, in Node',
  tfjs: 'TensorFlow.js, wasm runtime',
  'tfjs-cpu': 'TensorFlow.js, cpu runtime (plain JavaScript)',
  webgpu: "AltCLIP.js's WGSL kernels through Dawn (webgpu npm package)",
  reference: 'plain-TypeScript float64 reference from @altclip/core/testing (slow; for checking)',
};

/** The name core's tolerance table knows each CLI backend by. */
export const TOLERANCE_NAMES: Record<BackendName, string> = {
  onnx: 'onnx-node',
  'onnx-web': 'onnx-web',
  tfjs: 'tfjs-wasm',
  'tfjs-cpu': 'tfjs-cpu',
  webgpu: 'webgpu',
  reference: 'reference',
};

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}
