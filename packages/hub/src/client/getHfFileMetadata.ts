import { normalizeEtag } from './etag.js';
import { DEFAULT_ENDPOINT } from './hubEnvironment.js';
import { hubErrorForResponse } from './hubErrorForResponse.js';
import { type RequestPolicy, requestPolicy } from './RequestPolicy.js';
import { timedFetch } from './timedFetch.js';
import { withRetries } from './withRetries.js';

/** `HfFileMetadata`: what a HEAD on a resolve URL tells about the file. */
export interface HfFileMetadata {
  /** `X-Repo-Commit`: the commit the revision resolved to. */
  readonly commitHash?: string;
  /** `X-Linked-Etag` (LFS: the sha256) or else `ETag` (git blob sha1), normalised. */
  readonly etag?: string;
  /** Where to GET the bytes: the CDN URL of an LFS redirect, or the resolve URL itself. */
  readonly location: string;
  /** `X-Linked-Size` or else `Content-Length`. */
  readonly size?: number;
}

const MAX_RELATIVE_REDIRECTS = 10;

function intOrUndefined(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * `get_hf_file_metadata`: HEAD without following redirects, except relative ones (a renamed repository).
 * An absolute redirect is the LFS CDN: its Location is where the bytes are, and the hub's X-Linked-* headers
 * on the redirect describe them. Needs a fetch that exposes 3xx responses (Node's does with redirect: 'manual').
 * Each attempt has `timeoutMs` for the whole exchange (huggingface_hub's etag_timeout); 5xx, 429, resets and
 * timeouts are retried with backoff (`policy`), then end in HubRetriesExhaustedError.
 */
export async function getHfFileMetadata(
  url: string,
  options: { headers: Record<string, string>; fetch: typeof fetch; what: string; timeoutMs: number; policy?: RequestPolicy },
): Promise<HfFileMetadata> {
  const policy = options.policy ?? requestPolicy({ etagTimeoutMs: options.timeoutMs }, { endpoint: DEFAULT_ENDPOINT, offline: false });
  const totalTimeoutMs = policy.totalTimeoutMs(0);
  const deadline = Date.now() + totalTimeoutMs;
  return withRetries({ policy, url, what: options.what, deadline, totalTimeoutMs }, () => headOnce(url, options, deadline, totalTimeoutMs));
}

async function headOnce(
  url: string,
  { headers, fetch: fetchImpl, what, timeoutMs }: { headers: Record<string, string>; fetch: typeof fetch; what: string; timeoutMs: number },
  deadline: number,
  totalTimeoutMs: number,
): Promise<HfFileMetadata> {
  let current = url;
  // One deadline for the whole exchange, redirects included (huggingface_hub's etag_timeout).
  const exchangeEnd = Date.now() + timeoutMs;
  for (let hop = 0; ; hop++) {
    const limits = { connectTimeoutMs: Math.max(1, exchangeEnd - Date.now()), idleTimeoutMs: timeoutMs, deadline, totalTimeoutMs };
    const { response, cancel } = await timedFetch(fetchImpl, current, { method: 'HEAD', headers: { ...headers, 'accept-encoding': 'identity' }, redirect: 'manual' }, limits);
    await cancel();
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(location)) {
      if (hop >= MAX_RELATIVE_REDIRECTS) throw hubErrorForResponse(new Response(null, { status: 508 }), current, what) as Error;
      current = new URL(location, current).toString();
      continue;
    }
    const error = hubErrorForResponse(response, current, what);
    if (error) throw error;
    const redirected = response.status >= 300 && response.status < 400 && location !== null;
    return {
      commitHash: response.headers.get('x-repo-commit') ?? undefined,
      etag: normalizeEtag(response.headers.get('x-linked-etag') ?? response.headers.get('etag')),
      location: redirected ? new URL(location as string, current).toString() : current,
      size: intOrUndefined(response.headers.get('x-linked-size')) ?? intOrUndefined(response.headers.get('content-length')),
    };
  }
}
