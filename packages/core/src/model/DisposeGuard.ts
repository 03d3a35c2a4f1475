import { ModelDisposedError } from '../errors/ModelDisposedError.js';

/**
 * Use-after-dispose protection for a model: every call runs through `run`, which refuses once the model is
 * disposed and turns the outcome of a call that was in flight at dispose time into ModelDisposedError. The
 * backend's towers are released only after in-flight calls have settled, so a runtime never frees a session
 * under a running inference (ORT would fail with its own raw error, or worse).
 */
export class DisposeGuard {
  readonly #model: string;
  #disposed = false;
  #disposing: Promise<void> | undefined;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(model: string) {
    this.#model = model;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  async run<T>(method: string, call: () => Promise<T>): Promise<T> {
    if (this.#disposed) throw new ModelDisposedError(`${this.#model}.${method}(): the model was disposed; load it again to use it`);
    const pending = call();
    const settled = pending.then(
      () => {},
      () => {},
    );
    this.#inFlight.add(settled);
    try {
      const result = await pending;
      if (this.#disposed) throw this.#duringCall(method);
      return result;
    } catch (error) {
      if (this.#disposed && !(error instanceof ModelDisposedError)) throw this.#duringCall(method, error);
      throw error;
    } finally {
      this.#inFlight.delete(settled);
    }
  }

  /** Marks the model disposed at once; `release` runs once, after the calls in flight have settled. Idempotent. */
  dispose(release: () => Promise<void>): Promise<void> {
    if (!this.#disposing) {
      this.#disposed = true;
      this.#disposing = Promise.allSettled([...this.#inFlight]).then(release);
    }
    return this.#disposing;
  }

  #duringCall(method: string, cause?: unknown): ModelDisposedError {
    return new ModelDisposedError(`${this.#model}.${method}(): the model was disposed while this call was running`, { cause });
  }
}
