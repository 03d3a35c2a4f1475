import type { ModelFiles } from '@altclip/core';
import { DemoInputError } from '../DemoInputError.js';
import { BlobByteSource } from './BlobByteSource.js';
import type { PickedFile } from './DemoModelSource.js';

/** A picked File with its path (`webkitRelativePath`, or the bare name for a single file). */
export function pickedFile(file: File): PickedFile {
  return { path: file.webkitRelativePath || file.name, file };
}

/**
 * The files of a folder picked with `<input type=file webkitdirectory>`. Each path starts with the
 * picked folder's name; the rest is the name core asks for (`config.json`, or a shard listed in
 * `model.safetensors.index.json`).
 */
export function pickedModelFiles(picked: Iterable<PickedFile>): ModelFiles {
  const byName = new Map<string, File>();
  let folder: string | undefined;
  for (const { path, file } of picked) {
    const slash = path.indexOf('/');
    folder ??= slash >= 0 ? path.slice(0, slash) : '';
    byName.set(slash >= 0 ? path.slice(slash + 1) : path, file);
  }
  if (!byName.has('config.json')) {
    throw new DemoInputError(`model folder: ${folder ? `"${folder}" ` : ''}has no config.json at its top level; pick the folder that holds config.json and the weights`);
  }
  const name = folder || 'picked folder';
  return {
    name,
    async open(filename) {
      const file = byName.get(filename);
      return file ? new BlobByteSource(file, `${name}/${filename}`) : null;
    },
  };
}
