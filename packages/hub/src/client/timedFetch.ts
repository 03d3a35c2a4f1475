import { HubTimeoutError } from './HubErrors.js';

export interface TimedFetchLimits {
  /** Until the response headers arrive. */
  readonly connectTimeoutMs: number;
  /** Between body chunks. */
  readonly idleTimeoutMs: number;
  /**
   * Absolute deadline (Date.now() scale) of the whole file; a sooner deadline wins over the other limits. Read at
   * every wait, so a caller that learns the file's size from the headers may move it.
   */
  deadline: number;
  totalTimeoutMs: number;
}

export interface TimedResponse {
  readonly response: Response;
  /** The body's chunks, each wait bounded by the idle timeout and the deadline. */
  chunks(): AsyncGenerator<Uint8Array>;
  /** Releases the connection (a body that will not be read). */
  cancel(): Promise<void>;
}

/**
 * One request whose every wait is bounded: a fetch has no timeouts of its own, so a server that never answers, or
 * sends headers and then stalls or trickles, would otherwise hold the caller for ever. A timeout aborts the request
 * and surfaces as a HubTimeoutError naming the phase.
 */
export async function timedFetch(fetchImpl: typeof fetch, url: string, init: RequestInit, limits: TimedFetchLimits): Promise<TimedResponse> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (phase: 'connect' | 'idle', ms: number) => {
    clearTimeout(timer);
    const left = limits.deadline - Date.now();
    const [which, wait] = left <= ms ? (['total', limits.totalTimeoutMs] as const) : ([phase, ms] as const);
    const message =
      which === 'connect'
        ? `no response headers from ${url} within ${ms} ms`
        : which === 'idle'
          ? `no data from ${url} for ${ms} ms`
          : `${url} did not finish within the ${wait} ms allowed for the file (totalTimeoutMs)`;
    timer = setTimeout(() => controller.abort(new HubTimeoutError(message, { url, phase: which, timeoutMs: wait })), Math.max(0, Math.min(left, ms)));
  };
  const rethrow = (error: unknown): never => {
    // Runtimes differ in what an aborted fetch or read rejects with; the reason given to abort() is the one that names the phase.
    throw controller.signal.aborted ? controller.signal.reason : error;
  };
  arm('connect', limits.connectTimeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, signal: controller.signal });
  } catch (error) {
    clearTimeout(timer);
    return rethrow(error);
  }
  clearTimeout(timer);
  return {
    response,
    async *chunks() {
      if (!response.body) return;
      const reader = response.body.getReader();
      try {
        for (;;) {
          arm('idle', limits.idleTimeoutMs);
          let result: ReadableStreamReadResult<Uint8Array>;
          try {
            result = await reader.read();
          } catch (error) {
            return rethrow(error);
          }
          if (result.done) return;
          yield result.value;
        }
      } finally {
        clearTimeout(timer);
        if (!controller.signal.aborted) await reader.cancel().catch(() => undefined);
        else reader.releaseLock();
      }
    },
    async cancel() {
      clearTimeout(timer);
      await response.body?.cancel().catch(() => undefined);
    },
  };
}
