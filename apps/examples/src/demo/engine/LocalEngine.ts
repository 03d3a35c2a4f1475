import type { LoadProgress } from '@altclip/core';
import { demoBackend, demoEnv } from '../backends/demoBackends.js';
import { classifyImage } from '../classify/classifyImage.js';
import { DemoInputError } from '../DemoInputError.js';
import { ModelSlot } from '../model/ModelSlot.js';
import { measureSpeed } from '../speed/measureSpeed.js';
import type { DemoEngine } from './DemoEngine.js';
import type { DemoJob, DemoOutcome, JobOutcome, RuntimeInfo } from './DemoJob.js';

/** Runs jobs on the thread it lives on: the page's (the "no worker" path), or the worker's (demoWorker.ts). */
export class LocalEngine implements DemoEngine {
  readonly #slot = new ModelSlot();
  readonly #context: RuntimeInfo['context'];
  /** The thread count ORT initialised with in this context (it keeps it for the context's lifetime). */
  #ortThreads: number | undefined;

  constructor(context: RuntimeInfo['context']) {
    this.#context = context;
  }

  async run<J extends DemoJob>(job: J, onProgress: (event: LoadProgress) => void): Promise<DemoOutcome<J>> {
    const backend = demoBackend(job.backendId);
    if (backend.wasmThreads && job.numThreads !== undefined && this.#ortThreads !== undefined && job.numThreads !== this.#ortThreads) {
      // Setting env.wasm.numThreads again would be silently ignored by ORT (and then misreported here).
      throw new DemoInputError(
        `threads: onnxruntime-web already runs with ${this.#ortThreads} thread(s) on the ${this.#context === 'page' ? "page's thread" : 'worker'} and keeps that count; reload the page or run in the worker`,
      );
    }
    const { loaded, loadMs } = await this.#slot.get(job.source, backend, { numThreads: job.numThreads }, onProgress);
    const wasmThreads = backend.wasmThreads ? await ortWasmThreads() : null;
    if (wasmThreads !== null) this.#ortThreads ??= wasmThreads;
    const common: JobOutcome = {
      modelName: loaded.sourceName,
      loadMs,
      warnings: loadMs === null ? [] : loaded.warnings,
      runtime: { context: this.#context, crossOriginIsolated: globalThis.crossOriginIsolated === true, wasmThreads },
    };
    if (job.kind === 'speed') return { kind: 'speed', ...common, ...(await measureSpeed(loaded.model, job)) } as DemoOutcome<J>;
    return { kind: 'classify', ...common, ...(await classifyImage(loaded, job)) } as DemoOutcome<J>;
  }

  dispose(): Promise<void> {
    return this.#slot.release();
  }
}

/** What ORT-web settled on: it writes the thread count it initialised with back to `env.wasm.numThreads`. */
async function ortWasmThreads(): Promise<number | null> {
  // The same module instance the backend imported (same specifier, same context), already loaded.
  const ort = (demoEnv().VITE_ALTCLIP_DEMO_ORT_WASM_ONLY === '1' ? await import('onnxruntime-web/wasm') : await import('onnxruntime-web')) as unknown as { env: { wasm: { numThreads?: number } } };
  return ort.env.wasm.numThreads ?? null;
}
