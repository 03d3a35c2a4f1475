/** The device refused an allocation (reported through `pushErrorScope('out-of-memory')`). */
export class WebGPUOutOfMemoryError extends Error {
  override name = 'WebGPUOutOfMemoryError';
}
