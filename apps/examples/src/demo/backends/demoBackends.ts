import type { AltCLIPBackend } from '@altclip/core';

/** A backend the page offers; `create` imports its runtime only when picked. */
export interface DemoBackend {
  readonly id: DemoBackendId;
  readonly label: string;
  /** Needs `navigator.gpu`. */
  readonly webgpu: boolean;
  create(): Promise<AltCLIPBackend>;
}

export const DEMO_BACKEND_IDS = ['onnx-web-wasm', 'onnx-web-webgpu', 'tfjs-webgl', 'tfjs-webgpu', 'tfjs-wasm', 'webgpu'] as const;
export type DemoBackendId = (typeof DEMO_BACKEND_IDS)[number];

// Only errors go to the console: ORT's node-placement notices (shape ops kept on CPU) are expected.
const ORT_LOG_ERRORS = 3;

async function onnxWeb(executionProvider: 'wasm' | 'webgpu'): Promise<AltCLIPBackend> {
  const { createOnnxWebBackend } = await import('@altclip/backend-onnx');
  return createOnnxWebBackend({ sessionOptions: { executionProviders: [executionProvider], logSeverityLevel: ORT_LOG_ERRORS } });
}

async function tfjs(runtime: 'webgl' | 'webgpu' | 'wasm'): Promise<AltCLIPBackend> {
  const { createTfjsBackend } = await import('@altclip/backend-tfjs');
  // A bundled page imports the tfjs runtime it picked and hands it over (the backend names none itself).
  if (runtime === 'webgl') return createTfjsBackend({ backend: runtime, runtimes: { webgl: await import('@tensorflow/tfjs-backend-webgl') } });
  if (runtime === 'webgpu') return createTfjsBackend({ backend: runtime, runtimes: { webgpu: await import('@tensorflow/tfjs-backend-webgpu') } });
  // Vite serves tfjs's JavaScript away from its .wasm binaries, so their URLs are passed explicitly.
  const { tfjsWasmPaths } = await import('virtual:altclip-demo/runtime-wasm');
  return createTfjsBackend({ backend: 'wasm', wasmPaths: tfjsWasmPaths, runtimes: { wasm: await import('@tensorflow/tfjs-backend-wasm') } });
}

export const DEMO_BACKENDS: readonly DemoBackend[] = [
  { id: 'onnx-web-wasm', label: 'onnxruntime-web · wasm', webgpu: false, create: () => onnxWeb('wasm') },
  { id: 'onnx-web-webgpu', label: 'onnxruntime-web · WebGPU', webgpu: true, create: () => onnxWeb('webgpu') },
  { id: 'tfjs-webgl', label: 'TensorFlow.js · WebGL', webgpu: false, create: () => tfjs('webgl') },
  { id: 'tfjs-webgpu', label: 'TensorFlow.js · WebGPU', webgpu: true, create: () => tfjs('webgpu') },
  { id: 'tfjs-wasm', label: 'TensorFlow.js · wasm', webgpu: false, create: () => tfjs('wasm') },
  {
    id: 'webgpu',
    label: 'AltCLIP.js WGSL kernels · WebGPU',
    webgpu: true,
    async create() {
      const { createWebGPUBackend } = await import('@altclip/backend-webgpu');
      return createWebGPUBackend();
    },
  },
];

export function demoBackend(id: string): DemoBackend {
  const backend = DEMO_BACKENDS.find((b) => b.id === id);
  if (!backend) throw new RangeError(`backend: unknown id "${id}" (expected one of ${DEMO_BACKEND_IDS.join(', ')})`);
  return backend;
}
