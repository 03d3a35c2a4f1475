import { OnnxBackend } from '../backend/OnnxBackend.js';
import type { OnnxBackendOptions } from '../backend/OnnxBackendOptions.js';
import type { OrtModule } from '../runtime/OrtModule.js';
import { FileCacheSessionFactory, type FileCacheOptions } from './FileCacheSessionFactory.js';

export interface OnnxNodeBackendOptions extends OnnxBackendOptions, FileCacheOptions {}

/** The onnxruntime-node module (a CommonJS package: its exports may sit on `default`). */
export async function importOnnxruntimeNode(): Promise<OrtModule> {
  const mod = (await import('onnxruntime-node')) as unknown as { default?: OrtModule } & OrtModule;
  return mod.InferenceSession ? mod : (mod.default as OrtModule);
}

/**
 * AltCLIP on onnxruntime-node (CPU EP by default; pass
 * `sessionOptions.executionProviders` for others). Built graphs are cached on disk.
 */
export function createOnnxNodeBackend(options: OnnxNodeBackendOptions = {}): OnnxBackend {
  return new OnnxBackend('onnx-node', ['node'], importOnnxruntimeNode, new FileCacheSessionFactory(options), options);
}
