import type { BufferPool } from './BufferPool.js';

export interface DispatchStep {
  readonly kind: 'dispatch';
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly workgroups: readonly [number, number, number];
}

export interface CopyStep {
  readonly kind: 'copy';
  readonly source: GPUBuffer;
  readonly sourceOffset: number;
  readonly destination: GPUBuffer;
  readonly destinationOffset: number;
  readonly size: number;
}

export type PlanStep = DispatchStep | CopyStep;

/**
 * A forward pass recorded once for one input shape: pipelines, bind groups, uniforms
 * and intermediate buffers are all fixed, so a run only uploads inputs and replays
 * the steps into one command encoder.
 */
export class Plan {
  readonly #steps: readonly PlanStep[];
  readonly #pooled: readonly GPUBuffer[];
  readonly #owned: readonly GPUBuffer[];
  readonly #pool: BufferPool;

  constructor(steps: readonly PlanStep[], pooled: readonly GPUBuffer[], owned: readonly GPUBuffer[], pool: BufferPool) {
    this.#steps = steps;
    this.#pooled = pooled;
    this.#owned = owned;
    this.#pool = pool;
  }

  get stepCount(): number {
    return this.#steps.length;
  }

  encode(encoder: GPUCommandEncoder): void {
    let pass: GPUComputePassEncoder | undefined;
    for (const step of this.#steps) {
      if (step.kind === 'dispatch') {
        // Dispatches in one pass are separate usage scopes, so each sees the previous one's writes.
        pass ??= encoder.beginComputePass();
        pass.setPipeline(step.pipeline);
        pass.setBindGroup(0, step.bindGroup);
        pass.dispatchWorkgroups(...step.workgroups);
      } else {
        pass?.end();
        pass = undefined;
        encoder.copyBufferToBuffer(step.source, step.sourceOffset, step.destination, step.destinationOffset, step.size);
      }
    }
    pass?.end();
  }

  /** Intermediate buffers go back to the pool; uniforms are destroyed. */
  dispose(): void {
    for (const buffer of this.#pooled) this.#pool.release(buffer);
    for (const buffer of this.#owned) buffer.destroy();
  }
}
