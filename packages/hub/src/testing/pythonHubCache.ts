import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/**
 * Lays out `files` as Python's huggingface_hub (0.26) leaves a download in its cache: blobs named by the ETag
 * (sha256 for LFS files, git blob sha1 for the others), `refs/<revision>` holding the commit, and relative
 * symlinks in `snapshots/<commit>/`. For tests that a cache written by Python is reused as is.
 */
export async function writePythonHubCache(
  cacheDir: string,
  repoId: string,
  files: Readonly<Record<string, Uint8Array>>,
  { commit = 'c'.repeat(40), revision = 'main' }: { commit?: string; revision?: string } = {},
): Promise<string> {
  const repo = join(cacheDir, ['models', ...repoId.split('/')].join('--'));
  await mkdir(join(repo, 'blobs'), { recursive: true });
  await mkdir(join(repo, 'refs'), { recursive: true });
  await writeFile(join(repo, 'refs', revision), commit);
  for (const [name, data] of Object.entries(files)) {
    const lfs = /\.(safetensors|bin|model)$/.test(name);
    const etag = lfs ? createHash('sha256').update(data).digest('hex') : createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
    const blob = join(repo, 'blobs', etag);
    await writeFile(blob, data);
    const pointer = join(repo, 'snapshots', commit, ...name.split('/'));
    await mkdir(dirname(pointer), { recursive: true });
    await symlink(relative(dirname(pointer), blob), pointer);
  }
  return repo;
}
