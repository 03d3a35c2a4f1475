import { HubRetriesExhaustedError, HubTimeoutError } from './HubErrors.js';
import { backoffDelay, isTransient, type RequestPolicy, sleep } from './RequestPolicy.js';

export interface RetryContext {
  readonly policy: RequestPolicy;
  readonly url: string;
  /** What is being fetched, for messages. */
  readonly what: string;
  /** Absolute deadline (Date.now() scale); no retry starts after it. Read at each retry (a caller may move it). */
  deadline: number;
  totalTimeoutMs: number;
  /** True when the failed attempt made progress (a resumable download got bytes): the budget starts over. */
  readonly madeProgress?: () => boolean;
}

/**
 * Runs `attempt` until it succeeds, retrying transient failures (see isTransient) with exponential backoff. When the
 * retries run out the result is a HubRetriesExhaustedError whose cause is the last failure; other errors pass through.
 */
export async function withRetries<T>(context: RetryContext, attempt: () => Promise<T>): Promise<T> {
  const { policy } = context;
  let failures = 0;
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (context.madeProgress?.()) {
        failures = 0;
        attempts = 1;
      }
      failures++;
      if (failures > policy.maxRetries) {
        throw new HubRetriesExhaustedError(
          `${context.what}: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} (${policy.maxRetries} retries): ${(error as Error)?.message ?? String(error)}`,
          { url: context.url, attempts, cause: error },
        );
      }
      const delay = backoffDelay(policy, failures);
      if (Date.now() + delay >= context.deadline) {
        throw new HubTimeoutError(`${context.what}: no time left for a retry within the ${context.totalTimeoutMs} ms allowed (last failure: ${(error as Error)?.message ?? String(error)})`, {
          url: context.url,
          phase: 'total',
          timeoutMs: context.totalTimeoutMs,
        });
      }
      await sleep(delay);
    }
  }
}
