import { normalizeEtag } from './etag.js';
import { hubErrorForResponse } from './hubErrorForResponse.js';

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
 */
export async function getHfFileMetadata(
  url: string,
  { headers, fetch: fetchImpl, what, timeoutMs }: { headers: Record<string, string>; fetch: typeof fetch; what: string; timeoutMs: number },
): Promise<HfFileMetadata> {
  let current = url;
  // One deadline for the whole exchange, redirects included (huggingface_hub's etag_timeout).
  const signal = AbortSignal.timeout(timeoutMs);
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(current, { method: 'HEAD', headers: { ...headers, 'accept-encoding': 'identity' }, redirect: 'manual', signal });
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
