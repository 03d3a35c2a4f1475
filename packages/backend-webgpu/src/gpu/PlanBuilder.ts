import { BufferPool } from './BufferPool.js';
import { BufferUsage } from './gpuConstants.js';
import type { GpuContext } from './GpuContext.js';
import { type ElementType, type GpuTensor, tensorByteLength } from './GpuTensor.js';
import { Plan, type PlanStep } from './Plan.js';

const ACTIVATION_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

/** Largest workgroup count per dimension that every adapter must accept. */
const MAX_WORKGROUPS_PER_DIMENSION = 65535;

/**
 * Records a forward pass into a {@link Plan}. Intermediate buffers released while
 * recording are reused by later steps of the same plan: the steps replay in recording
 * order on one queue, so a buffer is never overwritten before its last reader ran.
 */
export class PlanBuilder {
  readonly #context: GpuContext;
  readonly #steps: PlanStep[] = [];
  readonly #pooled: GPUBuffer[] = [];
  readonly #owned: GPUBuffer[] = [];
  readonly #free = new Map<number, GPUBuffer[]>();

  constructor(context: GpuContext) {
    this.#context = context;
  }

  tensor(dims: readonly number[], type: ElementType, label?: string): GpuTensor {
    const size = BufferPool.sizeClass(tensorByteLength(dims, type));
    let buffer = this.#free.get(size)?.pop();
    if (!buffer) {
      buffer = this.#context.pool.acquire(size, ACTIVATION_USAGE, label);
      this.#pooled.push(buffer);
    }
    return { buffer, dims: [...dims], type };
  }

  /** The tensor's last reader has been recorded; later steps may reuse its buffer. */
  release(...tensors: GpuTensor[]): void {
    for (const tensor of tensors) {
      if (!this.#pooled.includes(tensor.buffer)) continue;
      let list = this.#free.get(tensor.buffer.size);
      if (!list) {
        list = [];
        this.#free.set(tensor.buffer.size, list);
      }
      if (!list.includes(tensor.buffer)) list.push(tensor.buffer);
    }
  }

  /**
   * Binding convention of every kernel: binding 0 is the uniform block (when the kernel
   * has one), storage buffers follow in declaration order.
   */
  dispatch(
    label: string,
    source: string,
    buffers: readonly GPUBuffer[],
    uniforms: ArrayBuffer | undefined,
    workgroups: readonly [number, number, number],
  ): void {
    const device = this.#context.device;
    const pipeline = this.#context.pipelines.get(source, label);
    const entries: GPUBindGroupEntry[] = [];
    if (uniforms) {
      const padded = new Uint8Array(Math.ceil(uniforms.byteLength / 16) * 16);
      padded.set(new Uint8Array(uniforms));
      const uniformBuffer = this.#context.createBufferWithData(padded, BufferUsage.UNIFORM, `${label}.uniforms`);
      this.#owned.push(uniformBuffer);
      entries.push({ binding: 0, resource: { buffer: uniformBuffer } });
    }
    const first = entries.length;
    buffers.forEach((buffer, i) => {
      entries.push({ binding: first + i, resource: { buffer } });
    });
    const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries, label });
    if (workgroups.some((n) => n > MAX_WORKGROUPS_PER_DIMENSION)) {
      throw new RangeError(`${label}: ${workgroups.join('×')} workgroups exceed ${MAX_WORKGROUPS_PER_DIMENSION} per dimension`);
    }
    if (workgroups.some((n) => n === 0)) return;
    this.#steps.push({ kind: 'dispatch', pipeline, bindGroup, workgroups });
  }

  copy(source: GPUBuffer, sourceOffset: number, destination: GPUBuffer, destinationOffset: number, size: number): void {
    this.#steps.push({ kind: 'copy', source, sourceOffset, destination, destinationOffset, size });
  }

  finish(): Plan {
    return new Plan(this.#steps, this.#pooled, this.#owned, this.#context.pool);
  }
}

/**
 * Spreads `count` workgroups over x and y so that no dimension exceeds the limit;
 * kernels rebuild the linear index as `wid.y * num_workgroups.x + wid.x` and guard it.
 */
export function linearGrid(count: number): [number, number, number] {
  const x = Math.min(count, 32768);
  return [x, Math.ceil(count / Math.max(x, 1)), 1];
}
