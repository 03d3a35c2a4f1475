import { HfHubHTTPError, HubTimeoutError, InvalidHubArgumentError } from './HubErrors.js';
import type { HubOptions } from './HubOptions.js';
import type { HubEnvironment } from './hubEnvironment.js';

/** Timeouts and retries of the hub client's requests, resolved from the options and huggingface_hub's variables. */
export interface RequestPolicy {
  readonly etagTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  /** The deadline (ms) for a file of `size` bytes (unknown: treated as 0). */
  totalTimeoutMs(size?: number): number;
}

const FLOOR_BYTES_PER_SECOND = 64 * 1024;

export function requestPolicy(options: HubOptions, env: HubEnvironment): RequestPolicy {
  const positive = (value: number | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    if (!(typeof value === 'number' && value > 0)) throw new InvalidHubArgumentError(`hub option ${name} must be a positive number of milliseconds, got ${String(value)}`);
    return value;
  };
  const count = (value: number | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    if (!Number.isSafeInteger(value) || value < 0) throw new InvalidHubArgumentError(`hub option ${name} must be a non-negative integer, got ${String(value)}`);
    return value;
  };
  const total = positive(options.totalTimeoutMs, 'totalTimeoutMs');
  return {
    etagTimeoutMs: positive(options.etagTimeoutMs, 'etagTimeoutMs') ?? env.etagTimeoutMs ?? 10_000,
    connectTimeoutMs: positive(options.connectTimeoutMs, 'connectTimeoutMs') ?? 10_000,
    idleTimeoutMs: positive(options.idleTimeoutMs, 'idleTimeoutMs') ?? positive(options.downloadTimeoutMs, 'downloadTimeoutMs') ?? env.downloadTimeoutMs ?? 10_000,
    maxRetries: count(options.maxRetries, 'maxRetries') ?? 5,
    retryDelayMs: count(options.retryDelayMs, 'retryDelayMs') ?? 1000,
    maxRetryDelayMs: count(options.maxRetryDelayMs, 'maxRetryDelayMs') ?? 8000,
    totalTimeoutMs: (size = 0) => total ?? 60_000 + Math.ceil((size / FLOOR_BYTES_PER_SECOND) * 1000),
  };
}

/** The pause before retry number `failures` (1-based): exponential from retryDelayMs, capped. */
export function backoffDelay(policy: RequestPolicy, failures: number): number {
  return Math.min(policy.retryDelayMs * 2 ** Math.max(0, failures - 1), policy.maxRetryDelayMs);
}

/**
 * Worth another attempt: 5xx and 429 answers, connect/idle timeouts, and network failures (fetch rejects with a
 * TypeError for resets, refused connections and DNS errors; streams fail with ECONNRESET-like codes). Not: 4xx
 * answers, the total deadline, checksum mismatches.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof HubTimeoutError) return error.phase !== 'total';
  if (error instanceof HfHubHTTPError) return error.status >= 500 || error.status === 429 || error.status === 0;
  if (error instanceof TypeError) return true;
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN|UND_ERR_\w+)$/.test(code);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
