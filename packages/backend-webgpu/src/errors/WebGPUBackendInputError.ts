/** Weights, inputs or options the backend cannot use; the message names the tensor, field or option. */
export class WebGPUBackendInputError extends Error {
  override name = 'WebGPUBackendInputError';
}
