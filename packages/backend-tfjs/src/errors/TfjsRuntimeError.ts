/**
 * The requested TensorFlow.js runtime could not be loaded or activated (package not
 * installed, no WebGPU adapter, wasm binaries not found, an unsupported load dtype).
 */
export class TfjsRuntimeError extends Error {
  override name = 'TfjsRuntimeError';
}
