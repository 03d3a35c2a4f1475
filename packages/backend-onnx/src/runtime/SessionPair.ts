import type { OrtSession } from './OrtModule.js';
import { RunQueue } from './RunQueue.js';

export class MissingOutputsError extends Error {
  override name = 'MissingOutputsError';
}

/**
 * The plain session and, created on first request, the variant that also outputs
 * every hidden state and attention map (bigger outputs, no attention fusion).
 */
export class SessionPair {
  private base?: Promise<OrtSession>;
  private full?: Promise<OrtSession>;
  private readonly createBase: () => Promise<OrtSession>;
  private readonly createFull?: () => Promise<OrtSession>;

  /** Shared by every session of one backend (see RunQueue for why runs never overlap). */
  readonly queue: RunQueue;

  constructor(createBase: () => Promise<OrtSession>, createFull?: () => Promise<OrtSession>, queue: RunQueue = new RunQueue()) {
    this.createBase = createBase;
    this.createFull = createFull;
    this.queue = queue;
  }

  session(allOutputs: boolean): Promise<OrtSession> {
    if (!allOutputs) {
      this.base ??= this.createBase();
      return this.base;
    }
    if (!this.createFull) {
      // An external model may already carry hidden_states.K outputs; use it as it is.
      this.base ??= this.createBase();
      return this.base;
    }
    this.full ??= this.createFull();
    return this.full;
  }

  async dispose(): Promise<void> {
    const sessions = await Promise.allSettled([this.base, this.full].filter(Boolean) as Promise<OrtSession>[]);
    this.base = undefined;
    this.full = undefined;
    for (const s of sessions) if (s.status === 'fulfilled') await s.value.release();
  }
}
