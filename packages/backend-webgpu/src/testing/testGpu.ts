import { GpuContext } from '../gpu/GpuContext.js';
import { BufferUsage } from '../gpu/gpuConstants.js';
import type { ElementType, GpuTensor, StorageType } from '../gpu/GpuTensor.js';
import { toFloat16Array } from '@altclip/core';
import { PlanBuilder } from '../gpu/PlanBuilder.js';
import { collectReadback, encodeReadback } from '../gpu/readback.js';

export interface TestGpu {
  context?: GpuContext;
  /** Why GPU tests cannot run here, computed when the tests start. */
  skipReason?: string;
}

let shared: Promise<TestGpu> | undefined;

/** One device for all kernel tests of a test file's worker; a reason instead when there is none. */
export function testGpu(): Promise<TestGpu> {
  shared ??= GpuContext.create()
    .then((context) => ({ context }))
    .catch((error: unknown) => ({ skipReason: `no WebGPU adapter: ${error instanceof Error ? error.message : String(error)}` }));
  return shared;
}

/** Title suffix that states why a GPU suite was skipped. */
export function skipNote(gpu: TestGpu): string {
  return gpu.skipReason ? ` (skipped: ${gpu.skipReason})` : '';
}

export function uploadTensor(
  context: GpuContext,
  data: Float32Array | Int32Array,
  dims: readonly number[],
  type: ElementType,
): GpuTensor {
  const payload = type === 'f16' ? toFloat16Array(data as Float32Array) : data;
  const buffer = context.createBufferWithData(payload, BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST);
  return { buffer, dims: [...dims], type };
}

/** Records one or more kernels with `record`, runs them once and reads back what it returns. */
export async function runKernels(
  context: GpuContext,
  record: (builder: PlanBuilder) => GpuTensor[],
): Promise<Float32Array[]> {
  const builder = new PlanBuilder(context);
  const outputs = await context.guard('recording test kernels', () => record(builder));
  const plan = builder.finish();
  const pending = await context.guard('running test kernels', () => {
    const encoder = context.device.createCommandEncoder();
    plan.encode(encoder);
    const readback = encodeReadback(context, encoder, outputs);
    context.device.queue.submit([encoder.finish()]);
    return readback;
  });
  try {
    return await collectReadback(context, pending);
  } finally {
    plan.dispose();
  }
}

export function randomArray(length: number, seed: number, scale = 1): Float32Array {
  let state = seed >>> 0 || 1;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    // xorshift32 → uniform in [-1, 1)
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = ((state >>> 0) / 2 ** 32) * 2 * scale - scale;
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= max)) max = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  }
  return max;
}

export const STORAGE_TYPES: readonly StorageType[] = ['f32', 'f16'];

/** A fresh device from the same adapter, for tests that destroy it or watch its buffers. */
export async function freshDevice(): Promise<GPUDevice> {
  const { requestGpu } = await import('../gpu/requestGpu.js');
  const adapter = await (await requestGpu()).requestAdapter();
  if (!adapter) throw new Error('no adapter');
  return adapter.requestDevice();
}

/** Wraps `device.createBuffer` to list every buffer and whether it was destroyed. */
export function trackBuffers(device: GPUDevice): { created: GPUBuffer[]; destroyed: Set<GPUBuffer> } {
  const created: GPUBuffer[] = [];
  const destroyed = new Set<GPUBuffer>();
  const createBuffer = device.createBuffer.bind(device);
  device.createBuffer = (descriptor: GPUBufferDescriptor) => {
    const buffer = createBuffer(descriptor);
    const destroy = buffer.destroy.bind(buffer);
    buffer.destroy = () => {
      destroyed.add(buffer);
      destroy();
    };
    created.push(buffer);
    return buffer;
  };
  return { created, destroyed };
}
