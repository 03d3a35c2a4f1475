import type { LoadProgress } from '@altclip/core';
import type { ClassifyOutcome, DemoJob, SpeedOutcome } from './DemoJob.js';

/** Page → worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly job: DemoJob;
}

/** Worker → page: progress while the model loads, then the outcome or the error (name and message: Errors lose their class in transit). */
export type WorkerReply =
  | { readonly id: number; readonly type: 'progress'; readonly progress: LoadProgress }
  | { readonly id: number; readonly type: 'done'; readonly outcome: ClassifyOutcome | SpeedOutcome }
  | { readonly id: number; readonly type: 'error'; readonly name: string; readonly message: string };
