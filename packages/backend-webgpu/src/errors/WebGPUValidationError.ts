/** WebGPU rejected a command: a bug in this backend or a limit of the adapter (the message says which). */
export class WebGPUValidationError extends Error {
  override name = 'WebGPUValidationError';
}
