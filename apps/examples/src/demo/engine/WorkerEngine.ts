import type { LoadProgress } from '@altclip/core';
import type { DemoEngine } from './DemoEngine.js';
import type { DemoJob, DemoOutcome } from './DemoJob.js';
import { WorkerJobError } from './WorkerJobError.js';
import type { WorkerReply, WorkerRequest } from './workerMessages.js';

interface Pending {
  resolve(outcome: unknown): void;
  reject(error: Error): void;
  onProgress(event: LoadProgress): void;
}

/**
 * Runs jobs in a module worker (engine/demoWorker.ts). ORT-web fixes its wasm thread count when it first
 * initialises in a context, so a job asking for another count gets a fresh worker.
 */
export class WorkerEngine implements DemoEngine {
  #worker: Worker | undefined;
  #threads: number | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  run<J extends DemoJob>(job: J, onProgress: (event: LoadProgress) => void): Promise<DemoOutcome<J>> {
    const worker = this.#workerFor(job.numThreads);
    const id = this.#nextId++;
    return new Promise<DemoOutcome<J>>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (outcome: unknown) => void, reject, onProgress });
      worker.postMessage({ id, job } satisfies WorkerRequest);
    });
  }

  async dispose(): Promise<void> {
    this.#stop(new WorkerJobError('Error', 'the worker was stopped'));
  }

  #workerFor(numThreads: number | undefined): Worker {
    if (this.#worker && this.#threads === numThreads) return this.#worker;
    this.#stop(new WorkerJobError('Error', 'the worker was replaced to change the thread count'));
    // `new URL(…, import.meta.url)` inside `new Worker(…)` is the form Vite bundles as a worker entry.
    const worker = new Worker(new URL('./demoWorker.ts', import.meta.url), { type: 'module', name: 'altclip-demo' });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#receive(event.data);
    // A worker that fails to start or throws outside a job fails every pending job rather than hanging them.
    worker.onerror = (event) => {
      event.preventDefault();
      this.#stop(new WorkerJobError('Error', `the demo worker failed: ${event.message || 'could not be started'}`));
    };
    this.#worker = worker;
    this.#threads = numThreads;
    return worker;
  }

  #receive(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'progress') {
      pending.onProgress(reply.progress);
      return;
    }
    this.#pending.delete(reply.id);
    if (reply.type === 'done') pending.resolve(reply.outcome);
    else pending.reject(new WorkerJobError(reply.name, reply.message));
  }

  #stop(reason: Error): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#threads = undefined;
    for (const pending of this.#pending.values()) pending.reject(reason);
    this.#pending.clear();
  }
}
