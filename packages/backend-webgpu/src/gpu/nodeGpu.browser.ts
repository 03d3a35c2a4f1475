import { WebGPUUnavailableError } from '../errors/WebGPUUnavailableError.js';

/** The `browser` variant of `#nodeGpu`: a browser has only `navigator.gpu`, never Dawn. */
export function nodeGpu(): Promise<GPU> {
  return Promise.reject(new WebGPUUnavailableError('navigator.gpu is undefined and Dawn (the `webgpu` package) exists only in Node'));
}
