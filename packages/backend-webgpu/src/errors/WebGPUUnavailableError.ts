/** No WebGPU implementation or no adapter: the backend cannot run here at all. */
export class WebGPUUnavailableError extends Error {
  override name = 'WebGPUUnavailableError';
}
