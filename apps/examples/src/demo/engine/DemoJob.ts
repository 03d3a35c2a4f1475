import type { DemoBackendId } from '../backends/demoBackends.js';
import type { RankedLabel } from '../classify/rankLabels.js';
import type { DemoModelSource } from '../model/DemoModelSource.js';
import type { SpeedRequest, SpeedResult } from '../speed/measureSpeed.js';

/**
 * What the page asks of an engine, as plain data (it crosses `postMessage` to the worker): the model,
 * the backend and its thread count, and either a classification or a speed measurement.
 */
export interface DemoJobBase {
  readonly source: DemoModelSource;
  readonly backendId: DemoBackendId;
  /** onnxruntime-web wasm threads; undefined: ORT's default. */
  readonly numThreads?: number;
}

export interface ClassifyJob extends DemoJobBase {
  readonly kind: 'classify';
  readonly image: Blob;
  readonly labels: readonly string[];
  readonly template: string;
}

export interface SpeedJob extends DemoJobBase, SpeedRequest {
  readonly kind: 'speed';
}

export type DemoJob = ClassifyJob | SpeedJob;

/** Where the job ran and what the wasm runtime actually got (ORT lowers numThreads to 1 without cross-origin isolation). */
export interface RuntimeInfo {
  readonly context: 'worker' | 'page';
  readonly crossOriginIsolated: boolean;
  /** `ort.env.wasm.numThreads` after ORT initialised; null for backends that do not use onnxruntime-web. */
  readonly wasmThreads: number | null;
}

export interface JobOutcome {
  readonly modelName: string;
  /** null: the model was already loaded. */
  readonly loadMs: number | null;
  readonly warnings: readonly string[];
  readonly runtime: RuntimeInfo;
}

export interface ClassifyOutcome extends JobOutcome {
  readonly kind: 'classify';
  readonly ranking: RankedLabel[];
  readonly preprocessMs: number;
  readonly inferenceMs: number;
}

export interface SpeedOutcome extends JobOutcome, SpeedResult {
  readonly kind: 'speed';
}

export type DemoOutcome<J extends DemoJob> = J extends ClassifyJob ? ClassifyOutcome : SpeedOutcome;
