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
  /** Attempts without progress before a dropped download fails (default 5, as huggingface_hub). */
  readonly maxRetries?: number;
  /** Pause between attempts in ms (default 1000, as huggingface_hub). */
  readonly retryDelayMs?: number;
  /** Time allowed for the metadata HEAD (default `HF_HUB_ETAG_TIMEOUT` seconds, else 10 s). */
  readonly etagTimeoutMs?: number;
  /** Longest silence while downloading before the attempt is retried (default `HF_HUB_DOWNLOAD_TIMEOUT` s, else 10 s). */
  readonly downloadTimeoutMs?: number;
}
