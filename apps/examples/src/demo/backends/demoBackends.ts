import type { AltCLIPBackend } from '@altclip/core';

/** A backend the page offers; `create` imports its runtime only when picked. */
export interface DemoBackend {
  readonly id: DemoBackendId;
  readonly label: string;
  /** Needs `navigator.gpu`. */
  readonly webgpu: boolean;
  /** Uses onnxruntime-web's wasm EP, whose thread count `numThreads` sets. */
  readonly wasmThreads: boolean;
  create(options?: DemoBackendOptions): Promise<AltCLIPBackend>;
}

export interface DemoBackendOptions {
  /**
   * onnxruntime-web wasm threads (`ort.env.wasm.numThreads`): fixed once ORT has initialised in this
   * page or worker, so the page starts a fresh worker to change it. More than 1 needs a cross-origin
   * isolated page (SharedArrayBuffer); undefined: ORT's default.
   */
  readonly numThreads?: number;
}

export const DEMO_BACKEND_IDS = ['onnx-web-wasm', 'onnx-web-webgpu', 'tfjs-webgl', 'tfjs-webgpu', 'tfjs-wasm', 'webgpu'] as const;
export type DemoBackendId = (typeof DEMO_BACKEND_IDS)[number];

// Only errors go to the console: ORT's node-placement notices (shape ops kept on CPU) are expected.
const ORT_LOG_ERRORS = 3;

/** Vite's `import.meta.env` (VITE_* variables of the dev server's environment). */
export function demoEnv(): Record<string, string | undefined> {
  return (import.meta as unknown as { env?: Record<string, string | undefined> }).env ?? {};
}

async function onnxWeb(executionProvider: 'wasm' | 'webgpu', numThreads: number | undefined): Promise<AltCLIPBackend> {
  const { createOnnxWebBackend } = await import('@altclip/backend-onnx');
  // Switches for the opt-in threads measurement (demoThreads.e2e.test.ts), read from the dev server's
  // environment: VITE_ALTCLIP_DEMO_ORT_WASM_ONLY=1 imports ORT's wasm-only build (the one Node runs)
  // instead of the default bundle's JSEP (WebGPU-capable) build; VITE_ALTCLIP_DEMO_ORT_SPINNING=0 sets
  // ORT's session.intra_op.allow_spinning to 0 (pool threads sleep instead of spinning when idle).
  const env = demoEnv();
  const ort = env.VITE_ALTCLIP_DEMO_ORT_WASM_ONLY === '1' ? ((await import('onnxruntime-web/wasm')) as never) : undefined;
  const extra = env.VITE_ALTCLIP_DEMO_ORT_SPINNING === '0' ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {};
  return createOnnxWebBackend({ numThreads, ...(ort ? { ort } : {}), sessionOptions: { executionProviders: [executionProvider], logSeverityLevel: ORT_LOG_ERRORS, ...extra } });
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
  { id: 'onnx-web-wasm', label: 'onnxruntime-web · wasm', webgpu: false, wasmThreads: true, create: (o) => onnxWeb('wasm', o?.numThreads) },
  // Its CPU fallback kernels run on the wasm EP too.
  { id: 'onnx-web-webgpu', label: 'onnxruntime-web · WebGPU', webgpu: true, wasmThreads: true, create: (o) => onnxWeb('webgpu', o?.numThreads) },
  { id: 'tfjs-webgl', label: 'TensorFlow.js · WebGL', webgpu: false, wasmThreads: false, create: () => tfjs('webgl') },
  { id: 'tfjs-webgpu', label: 'TensorFlow.js · WebGPU', webgpu: true, wasmThreads: false, create: () => tfjs('webgpu') },
  { id: 'tfjs-wasm', label: 'TensorFlow.js · wasm', webgpu: false, wasmThreads: false, create: () => tfjs('wasm') },
  {
    id: 'webgpu',
    label: 'AltCLIP.js WGSL kernels · WebGPU',
    webgpu: true,
    wasmThreads: false,
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
