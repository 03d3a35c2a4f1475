import type { LoadProgress } from '@altclip/core';
import type { DemoJob, DemoOutcome } from './DemoJob.js';

/** Runs jobs on the page's thread or in a worker; `onProgress` receives each model file's download progress. */
export interface DemoEngine {
  run<J extends DemoJob>(job: J, onProgress: (event: LoadProgress) => void): Promise<DemoOutcome<J>>;
  dispose(): Promise<void>;
}
