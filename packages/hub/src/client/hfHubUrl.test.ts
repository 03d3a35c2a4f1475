import { describe, expect, it } from 'vitest';
import { etagChecksum, isSafeBlobName, normalizeEtag } from './etag.js';
import { hfHubUrl, repoFolderName, validateRepoId } from './hfHubUrl.js';

describe('hub naming', () => {
  it('builds resolve URLs as hf_hub_url does (revision quoted with safe="", filename path kept)', () => {
    expect(hfHubUrl('BAAI/AltCLIP', 'config.json', { endpoint: 'https://huggingface.co' })).toBe(
      'https://huggingface.co/BAAI/AltCLIP/resolve/main/config.json',
    );
    expect(hfHubUrl('BAAI/AltCLIP-m9', 'sub dir/a+b.json', { revision: 'refs/pr/1', endpoint: 'http://x/' })).toBe(
      'http://x/BAAI/AltCLIP-m9/resolve/refs%2Fpr%2F1/sub%20dir/a%2Bb.json',
    );
  });

  it('names cache folders as repo_folder_name does', () => {
    expect(repoFolderName('BAAI/AltCLIP')).toBe('models--BAAI--AltCLIP');
    expect(repoFolderName('BAAI/AltCLIP-m18')).toBe('models--BAAI--AltCLIP-m18');
  });

  it('validates repo ids', () => {
    for (const ok of ['BAAI/AltCLIP', 'BAAI/AltCLIP-m9', 'gpt2', 'a_b/c.d']) expect(() => validateRepoId(ok)).not.toThrow();
    for (const bad of ['../x', 'a/b/c', 'a--b/c', '/abs', 'a b/c', '']) expect(() => validateRepoId(bad)).toThrow(/not a valid hub id/);
  });

  it('normalises ETags (quotes, weak prefix) and recognises sha256 / git sha1', () => {
    const sha256 = 'a'.repeat(64);
    expect(normalizeEtag(`"${sha256}"`)).toBe(sha256);
    expect(normalizeEtag(`W/"${'b'.repeat(40)}"`)).toBe('b'.repeat(40));
    expect(etagChecksum(sha256)).toBe('sha256');
    expect(etagChecksum('b'.repeat(40))).toBe('git-sha1');
    expect(etagChecksum('abc-123')).toBeUndefined();
    expect(isSafeBlobName('../../etc/passwd')).toBe(false);
    expect(isSafeBlobName(sha256)).toBe(true);
  });
});
