import type { HubProgress } from './HubProgress.js';

/** Options shared by every hub call; unset fields fall back to huggingface_hub's environment variables. */
export interface HubOptions {
  /** Branch, tag or commit hash (default 'main'). */
  readonly revision?: string;
  /** The hub cache folder (default `HF_HUB_CACHE`, else `$HF_HOME/hub`, else ~/.cache/huggingface/hub). Node only. */
  readonly cacheDir?: string;
  /** Use only cached files and make no request (also implied by `HF_HUB_OFFLINE=1`). */
  readonly localFilesOnly?: boolean;
  /** Download again even when cached. */
  readonly forceDownload?: boolean;
  /** Bearer token; `false` sends none. Default `HF_TOKEN`, else the token file `huggingface-cli login` wrote. */
  readonly token?: string | false;
  /** Hub base URL (default `HF_ENDPOINT`, else https://huggingface.co). */
  readonly endpoint?: string;
  readonly onProgress?: (event: HubProgress) => void;
  /** A fetch implementation (default globalThis.fetch). */
  readonly fetch?: typeof fetch;
  /** Environment to read instead of process.env (tests, workers). */
  readonly env?: Record<string, string | undefined>;
  /**
   * Retries after a transient failure (5xx, 429, a reset or dropped connection, a connect or idle timeout) before
   * HubRetriesExhaustedError; a download that made progress gets its budget back (default 5, as huggingface_hub).
   */
  readonly maxRetries?: number;
  /** First pause before a retry in ms, doubled per consecutive failure (default 1000, as huggingface_hub). */
  readonly retryDelayMs?: number;
  /** Longest pause between retries (default 8000 ms, huggingface_hub's http_backoff cap). */
  readonly maxRetryDelayMs?: number;
  /** Time allowed for the metadata HEAD, redirects included (default `HF_HUB_ETAG_TIMEOUT` seconds, else 10 s). */
  readonly etagTimeoutMs?: number;
  /** Time allowed until a download's response headers arrive (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Longest silence while the body streams before the attempt is retried (default `HF_HUB_DOWNLOAD_TIMEOUT` s, else 10 s). */
  readonly idleTimeoutMs?: number;
  /** Former name of `idleTimeoutMs` (still honoured). */
  readonly downloadTimeoutMs?: number;
  /**
   * Deadline for one file, retries included; past it a HubTimeoutError (phase 'total') ends the download. Default:
   * 60 s plus one second per 64 KiB of the file (a floor of 64 KiB/s), so a trickling server cannot hold a download
   * open for ever while a slow but working link still finishes.
   */
  readonly totalTimeoutMs?: number;
}
