import { EntryNotFoundError, GatedRepoError, HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError } from './HubErrors.js';

/**
 * `hf_raise_for_status` for a resolve URL: the `X-Error-Code` header decides first; a 401 on a repository URL
 * is RepositoryNotFound (the hub answers 401 for private, gated and missing repositories alike); a plain 404
 * on a file URL means the file. Returns undefined for a successful (or redirect) status.
 */
export function hubErrorForResponse(response: Response, url: string, what: string): HfHubHTTPError | undefined {
  const status = response.status;
  if (status < 400) return undefined;
  const code = response.headers.get('x-error-code');
  const serverMessage = response.headers.get('x-error-message');
  const init = { status, url, commitHash: response.headers.get('x-repo-commit') ?? undefined };
  const detail = serverMessage ? ` (${serverMessage})` : '';
  if (code === 'RevisionNotFound') return new RevisionNotFoundError(`${status}: revision not found for ${what} at ${url}${detail}`, init);
  if (code === 'EntryNotFound') return new EntryNotFoundError(`${status}: ${what} not found at ${url}${detail}`, init);
  if (code === 'GatedRepo') {
    return new GatedRepoError(`${status}: cannot access gated repository for ${what} at ${url}; request access on the hub and pass a token${detail}`, init);
  }
  if (code === 'RepoNotFound' || status === 401) {
    return new RepositoryNotFoundError(
      `${status}: repository not found for ${what} at ${url}. Check the repo id; for a private or gated repository pass a token (HF_TOKEN)${detail}`,
      init,
    );
  }
  if (status === 404) return new EntryNotFoundError(`${status}: ${what} not found at ${url}${detail}`, init);
  if (status === 403) return new HfHubHTTPError(`403 Forbidden: cannot access ${what} at ${url}; make sure your token has the right permissions${detail}`, init);
  return new HfHubHTTPError(`${status} ${response.statusText}: request for ${what} at ${url} failed${detail}`, init);
}
