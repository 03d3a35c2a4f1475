import { InvalidHubArgumentError } from './HubErrors.js';

export const DEFAULT_REVISION = 'main';

/** A full commit hash: such a revision can never move, so a cached file for it needs no request. */
export const COMMIT_HASH = /^[0-9a-f]{40}$/;

// huggingface_hub's validate_repo_id: `name` or `namespace/name`, [\w\-.] only, no '--' or '..', ≤ 96 chars.
const REPO_ID = /^(?:[\w\-.]+\/)?[\w\-.]+$/;

export function validateRepoId(repoId: string): void {
  if (!REPO_ID.test(repoId) || repoId.includes('--') || repoId.includes('..') || repoId.length > 96 || /^[-.]|[-.]$/.test(repoId)) {
    throw new InvalidHubArgumentError(`repo id '${repoId}' is not a valid hub id (expected 'namespace/name' made of letters, digits, '-', '_', '.')`);
  }
}

/** The repository-relative filename must stay inside the snapshot folder once it becomes a path. */
export function validateFilename(filename: string): void {
  const parts = filename.split('/');
  if (filename === '' || filename.startsWith('/') || filename.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new InvalidHubArgumentError(`filename '${filename}' is not a relative path inside the repository`);
  }
}

/** `hf_hub_url`: {endpoint}/{repo_id}/resolve/{quote(revision, safe='')}/{quote(filename)}. */
export function hfHubUrl(repoId: string, filename: string, { revision = DEFAULT_REVISION, endpoint }: { revision?: string; endpoint: string }): string {
  const quotedFile = filename.split('/').map(encodeURIComponent).join('/');
  return `${endpoint.replace(/\/+$/, '')}/${repoId}/resolve/${encodeURIComponent(revision)}/${quotedFile}`;
}

/** `repo_folder_name`: models--{namespace}--{name}. */
export function repoFolderName(repoId: string): string {
  return ['models', ...repoId.split('/')].join('--');
}
