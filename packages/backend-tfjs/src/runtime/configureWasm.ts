import type { BackendEnvironment } from '@altclip/core';
import { nodeWasmDirectory } from './nodeWasmDirectory.js';
import type { TfjsWasmModule } from './TfjsRuntimeModules.js';
import type { TfjsRuntimeOptions } from './TfjsRuntimeOptions.js';

/**
 * Points the wasm runtime at its binaries and thread count before its first
 * initialisation (tfjs reads both only then).
 * Threads stay off in Node: tfjs disables them there (tensorflow/tfjs#3830) and its
 * threaded build starts workers from blob: URLs, which Node's Worker rejects.
 */
export async function configureWasm(wasm: TfjsWasmModule, options: TfjsRuntimeOptions, environment: BackendEnvironment): Promise<void> {
  const paths = options.wasmPaths ?? (environment === 'node' ? await nodeWasmDirectory() : undefined);
  if (paths !== undefined) wasm.setWasmPaths(typeof paths === 'string' ? paths : { ...paths });
  if (options.threads !== undefined) wasm.setThreadsCount(options.threads);
}
