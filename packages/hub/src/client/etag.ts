/** `_normalize_etag`: strip a weak-validator prefix and the quotes, so the value can name a blob file. */
export function normalizeEtag(etag: string | null | undefined): string | undefined {
  if (etag === null || etag === undefined) return undefined;
  return etag.replace(/^W\//, '').replace(/^"+|"+$/g, '');
}

/**
 * What an ETag says about the content: the hub uses the sha256 of LFS files and the git blob sha1 of the
 * others. Any other form can only be checked by size.
 */
export function etagChecksum(etag: string): 'sha256' | 'git-sha1' | undefined {
  if (/^[0-9a-f]{64}$/.test(etag)) return 'sha256';
  if (/^[0-9a-f]{40}$/.test(etag)) return 'git-sha1';
  return undefined;
}

/** An ETag becomes a file name in the cache: refuse anything that could escape the blobs folder. */
export function isSafeBlobName(etag: string): boolean {
  return /^[\w\-.]+$/.test(etag) && etag !== '.' && etag !== '..' && !etag.endsWith('.incomplete');
}
