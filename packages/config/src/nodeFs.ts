import { importNodeBuiltins } from '#nodeBuiltins';

type NodeFs = typeof import('node:fs/promises');

/** Node's fs, or undefined in browsers and workers (see `#nodeBuiltins`). */
export async function importNodeFs(): Promise<NodeFs | undefined> {
  return (await importNodeBuiltins())?.fs;
}

/** Node's fileURLToPath, or undefined in browsers and workers. */
export async function importFileURLToPath(): Promise<((url: string | URL) => string) | undefined> {
  return (await importNodeBuiltins())?.url.fileURLToPath;
}

export function joinPath(dir: string, file: string): string {
  return `${dir.replace(/[\\/]+$/, '')}/${file}`;
}
