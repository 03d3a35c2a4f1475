import { InMemorySessionFactory } from '../backend/InMemorySessionFactory.js';
import { OnnxBackend } from '../backend/OnnxBackend.js';
import type { OnnxBackendOptions } from '../backend/OnnxBackendOptions.js';
import type { OrtModule } from '../runtime/OrtModule.js';
import { OnnxBackendError } from '../backend/OnnxBackendError.js';

export interface OnnxWebBackendOptions extends OnnxBackendOptions {
  /** Weights above this many bytes go to ORT as an external-data buffer; default 1 GiB. */
  externalDataThreshold?: number;
  /**
   * wasm threads (`ort.env.wasm.numThreads`), applied before ORT initialises its wasm (the setting is
   * process-wide and fixed from then on). Default: in Node every logical CPU — ORT's own Node default
   * is half of them, at most 4, i.e. one thread on a 2-core machine; in browsers ORT's default (half
   * the cores, at most 4, in cross-origin-isolated pages; one thread otherwise: no SharedArrayBuffer).
   * A value set on `ort.env.wasm.numThreads` by the app is kept.
   */
  numThreads?: number;
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
  const n = options.numThreads;
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new OnnxBackendError(`options.numThreads: expected an integer ≥ 1, got ${String(n)}`);
  const given = options.ort;
  const load = async () => configureThreads(given ?? (await importOnnxruntimeWeb()), n);
  return new OnnxBackend('onnx-web', ['browser', 'worker', 'node'], load, new InMemorySessionFactory(options.externalDataThreshold), { ...options, ort: undefined });
}

/** Sets `env.wasm.numThreads` as `OnnxWebBackendOptions.numThreads` documents. */
async function configureThreads(ort: OrtModule, numThreads: number | undefined): Promise<OrtModule> {
  const wasm = (ort as { env?: { wasm?: { numThreads?: number } } }).env?.wasm;
  if (!wasm) return ort;
  if (numThreads !== undefined) wasm.numThreads = numThreads;
  else if (!(Number(wasm.numThreads) > 0) && typeof process !== 'undefined' && process.versions?.node) {
    // A computed specifier: bundlers must not try to resolve node:os for the browser build of this file.
    const specifier = 'node:os';
    const os = (await import(/* @vite-ignore */ specifier)) as typeof import('node:os');
    wasm.numThreads = os.availableParallelism?.() ?? os.cpus().length;
  }
  return ort;
}
