import { InMemorySessionFactory } from '../backend/InMemorySessionFactory.js';
import { OnnxBackend } from '../backend/OnnxBackend.js';
import type { OnnxBackendOptions } from '../backend/OnnxBackendOptions.js';
import type { OrtModule } from '../runtime/OrtModule.js';

export interface OnnxWebBackendOptions extends OnnxBackendOptions {
  /** Weights above this many bytes go to ORT as an external-data buffer; default 1 GiB. */
  externalDataThreshold?: number;
}

/** The onnxruntime-web module (its Node build when run in Node). */
export async function importOnnxruntimeWeb(): Promise<OrtModule> {
  // Resolves to ORT-web's wasm/webgpu bundle in browsers and its Node build in Node.
  const mod = (await import('onnxruntime-web')) as unknown as { default?: OrtModule } & OrtModule;
  return mod.InferenceSession ? mod : (mod.default as OrtModule);
}

/**
 * AltCLIP on onnxruntime-web (wasm by default; `sessionOptions.executionProviders:
 * ['webgpu']` where an adapter exists). Graphs are built in memory.
 */
export function createOnnxWebBackend(options: OnnxWebBackendOptions = {}): OnnxBackend {
  return new OnnxBackend('onnx-web', ['browser', 'worker', 'node'], importOnnxruntimeWeb, new InMemorySessionFactory(options.externalDataThreshold), options);
}
