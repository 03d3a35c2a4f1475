import type { StorageType } from '../gpu/GpuTensor.js';

/**
 * Every kernel stores activations and weights as `T` and computes in f32: f16 halves
 * memory traffic while accumulations, statistics and softmax keep float32 range.
 */
export function wgslHeader(storage: StorageType): string {
  return `${storage === 'f16' ? 'enable f16;\n' : ''}alias T = ${storage};\n`;
}

/** Linear workgroup index for grids built by `linearGrid`. */
export const LINEAR_WORKGROUP_INDEX = 'wid.y * nwg.x + wid.x';
