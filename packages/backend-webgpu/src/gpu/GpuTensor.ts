/** Element types as WGSL spells them; 'f16' only on devices with `shader-f16`. */
export type ElementType = 'f32' | 'f16' | 'i32';

/** Floating-point storage of activations and weights inside the backend. */
export type StorageType = 'f32' | 'f16';

/** A device buffer with the shape of what it holds (the buffer may be larger: pool size classes). */
export interface GpuTensor {
  readonly buffer: GPUBuffer;
  readonly dims: readonly number[];
  readonly type: ElementType;
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

export function tensorByteLength(dims: readonly number[], type: ElementType): number {
  return elementCount(dims) * (type === 'f16' ? 2 : 4);
}
