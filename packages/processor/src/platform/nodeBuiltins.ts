/**
 * Node's built-in modules, for this package's file-system paths. Reached only through the package import
 * `#nodeBuiltins`, whose `browser` condition selects `nodeBuiltins.browser.ts` instead, so browser bundles
 * (esbuild, webpack, Vite) never see a `node:` import. Loaded on first use: importing the package loads nothing.
 */
export interface NodeBuiltins {
  fs: typeof import('node:fs/promises');
  path: typeof import('node:path');
  url: typeof import('node:url');
}

/** The built-ins, or undefined where this (non-browser) variant runs outside Node, e.g. in an edge runtime. */
export async function importNodeBuiltins(): Promise<NodeBuiltins | undefined> {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (typeof p?.versions?.node !== 'string') return undefined;
  const [fs, path, url] = await Promise.all([import('node:fs/promises'), import('node:path'), import('node:url')]);
  return { fs, path, url };
}
