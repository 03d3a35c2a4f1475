import { OnnxBackendError } from './OnnxBackendError.js';

/** An exported model would not fit the wasm EP's 4 GiB heap; the message names the dtype (or EP) to use instead. */
export class WasmMemoryError extends OnnxBackendError {
  override name = 'WasmMemoryError';
}
