import { TfjsBackend } from './TfjsBackend.js';
import type { TfjsBackendOptions } from './TfjsBackendOptions.js';

/**
 * An AltCLIP backend on TensorFlow.js. Nothing is imported or registered until the
 * backend is initialised (core calls `init()` before loading the towers).
 *
 * ```ts
 * const backend = createTfjsBackend();                    // Node: tensorflow → wasm → cpu
 * const forced = createTfjsBackend({ backend: 'webgl' }); // browsers: webgpu → webgl → wasm → cpu
 * ```
 */
export function createTfjsBackend(options: TfjsBackendOptions = {}): TfjsBackend {
  return new TfjsBackend(options);
}
