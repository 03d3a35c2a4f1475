import { fromFloat16Array } from '@altclip/core';
import type { GpuContext } from './GpuContext.js';
import { BufferUsage, MapMode } from './gpuConstants.js';
import { type GpuTensor, tensorByteLength } from './GpuTensor.js';

export interface PendingReadback {
  readonly staging: GPUBuffer;
  readonly tensor: GpuTensor;
  readonly byteLength: number;
}

/** Records copies of `tensors` into mappable staging buffers (from the pool) at the end of `encoder`. */
export function encodeReadback(context: GpuContext, encoder: GPUCommandEncoder, tensors: readonly GpuTensor[]): PendingReadback[] {
  return tensors.map((tensor) => {
    const byteLength = Math.max(4, Math.ceil(tensorByteLength(tensor.dims, tensor.type) / 4) * 4);
    const staging = context.pool.acquire(byteLength, BufferUsage.MAP_READ | BufferUsage.COPY_DST, 'readback');
    encoder.copyBufferToBuffer(tensor.buffer, 0, staging, 0, byteLength);
    return { staging, tensor, byteLength };
  });
}

/** Maps the staging buffers (after the submit that filled them) and returns float32 copies. */
export async function collectReadback(context: GpuContext, pending: readonly PendingReadback[]): Promise<Float32Array[]> {
  try {
    await context.whileUsable(Promise.all(pending.map((p) => p.staging.mapAsync(MapMode.READ, 0, p.byteLength))));
    return pending.map(({ staging, tensor, byteLength }) => {
      const count = tensor.dims.reduce((a, b) => a * b, 1);
      const bytes = staging.getMappedRange(0, byteLength).slice(0);
      if (tensor.type === 'f16') return fromFloat16Array(new Uint16Array(bytes, 0, count));
      return new Float32Array(bytes, 0, count);
    });
  } finally {
    for (const { staging } of pending) {
      if (staging.mapState === 'mapped') staging.unmap();
      context.pool.release(staging);
    }
  }
}
