type NodeFs = typeof import('node:fs/promises');

export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/**
 * Node's fs, imported only when running under Node. The specifier is a variable so browser bundlers do not try to
 * resolve (or polyfill) `node:fs` for this package.
 */
export async function importNodeFs(): Promise<NodeFs | undefined> {
  if (!isNode()) return undefined;
  const specifier = 'node:fs/promises';
  return (await import(/* @vite-ignore */ specifier)) as NodeFs;
}

export function joinPath(dir: string, file: string): string {
  return `${dir.replace(/[\\/]+$/, '')}/${file}`;
}
