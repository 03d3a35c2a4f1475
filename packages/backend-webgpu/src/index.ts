export { createWebGPUBackend, WebGPUBackend, type WebGPUBackendOptions } from './WebGPUBackend.js';
export { WebGPUBackendInputError } from './errors/WebGPUBackendInputError.js';
export { WebGPUDeviceLostError } from './errors/WebGPUDeviceLostError.js';
export { WebGPUOutOfMemoryError } from './errors/WebGPUOutOfMemoryError.js';
export { WebGPUUnavailableError } from './errors/WebGPUUnavailableError.js';
export { WebGPUValidationError } from './errors/WebGPUValidationError.js';
export type { Activation } from './kernels/activation/Activation.js';
