/**
 * huggingface_hub's environment variables (`huggingface_hub/constants.py`), read at call time so a process
 * can change them between calls. In browsers and workers there is no environment: every field is absent
 * except the default endpoint.
 */
export interface HubEnvironment {
  /** `HF_ENDPOINT` without trailing slashes, default https://huggingface.co. */
  readonly endpoint: string;
  /** `HF_HOME`, else `$XDG_CACHE_HOME/huggingface`; absent when neither is set (Node then uses ~/.cache/huggingface). */
  readonly hfHome?: string;
  readonly xdgCacheHome?: string;
  /** `HF_HUB_CACHE`, else the legacy `HUGGINGFACE_HUB_CACHE`. */
  readonly hubCache?: string;
  /** `HF_HUB_OFFLINE` (or `TRANSFORMERS_OFFLINE`) is one of 1/ON/YES/TRUE, case-insensitively. */
  readonly offline: boolean;
  /** `HF_TOKEN`, else the legacy `HUGGING_FACE_HUB_TOKEN`. */
  readonly token?: string;
  /** `HF_TOKEN_PATH` (default `$HF_HOME/token`, where `huggingface-cli login` stores the token). */
  readonly tokenPath?: string;
  /** `HF_HUB_ETAG_TIMEOUT` / `HF_HUB_DOWNLOAD_TIMEOUT`, in milliseconds (the variables are in seconds). */
  readonly etagTimeoutMs?: number;
  readonly downloadTimeoutMs?: number;
}

export const DEFAULT_ENDPOINT = 'https://huggingface.co';

const TRUE_VALUES = new Set(['1', 'ON', 'YES', 'TRUE']);

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function readHubEnvironment(env: Record<string, string | undefined> = processEnv()): HubEnvironment {
  const offlineValue = nonEmpty(env.HF_HUB_OFFLINE) ?? nonEmpty(env.TRANSFORMERS_OFFLINE);
  return {
    endpoint: (nonEmpty(env.HF_ENDPOINT) ?? DEFAULT_ENDPOINT).replace(/\/+$/, ''),
    hfHome: nonEmpty(env.HF_HOME),
    xdgCacheHome: nonEmpty(env.XDG_CACHE_HOME),
    hubCache: nonEmpty(env.HF_HUB_CACHE) ?? nonEmpty(env.HUGGINGFACE_HUB_CACHE),
    offline: offlineValue !== undefined && TRUE_VALUES.has(offlineValue.toUpperCase()),
    token: nonEmpty(env.HF_TOKEN) ?? nonEmpty(env.HUGGING_FACE_HUB_TOKEN),
    tokenPath: nonEmpty(env.HF_TOKEN_PATH),
    etagTimeoutMs: seconds(env.HF_HUB_ETAG_TIMEOUT),
    downloadTimeoutMs: seconds(env.HF_HUB_DOWNLOAD_TIMEOUT),
  };
}

function seconds(value: string | undefined): number | undefined {
  const n = Number(nonEmpty(value));
  return Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
}

function processEnv(): Record<string, string | undefined> {
  // `process` is absent in browsers and workers; reading it through globalThis keeps bundlers from polyfilling it.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env ?? {};
}
