import { ProcessorConfigError } from '../errors/ProcessorConfigError.js';

/**
 * Writes files into `dir` (created if needed) and answers their paths, as HF's `save_pretrained` returns them.
 * Node only: node:fs is imported when called, through a variable so browser bundles never see it.
 */
export async function writeModelFiles(dir: string, files: Readonly<Record<string, Uint8Array | string>>): Promise<string[]> {
  const fsName = 'node:fs/promises';
  const pathName = 'node:path';
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw new ProcessorConfigError(dir, 'savePretrained needs a file system (Node)');
  }
  const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
  const path = (await import(/* @vite-ignore */ pathName)) as typeof import('node:path');
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    written.push(file);
  }
  return written;
}
