// The public types name WebGPU's (GPUDevice, …), which TypeScript's DOM lib lacks: consumers get them from
// @webgpu/types, whose own declarations build on the DOM lib (so a Node project gets it through this package too).
/// <reference lib="dom" preserve="true" />
/// <reference types="@webgpu/types" preserve="true" />
export { createWebGPUBackend, WebGPUBackend, type WebGPUBackendOptions } from './WebGPUBackend.js';
export { WebGPUBackendInputError } from './errors/WebGPUBackendInputError.js';
export { WebGPUDeviceLostError } from './errors/WebGPUDeviceLostError.js';
export { WebGPUOutOfMemoryError } from './errors/WebGPUOutOfMemoryError.js';
export { WebGPUUnavailableError } from './errors/WebGPUUnavailableError.js';
export { WebGPUValidationError } from './errors/WebGPUValidationError.js';
export type { Activation } from './kernels/activation/Activation.js';
