import type { Plugin } from 'vite';

const PREFIX = '\0altclip-demo:node-only:';

/**
 * Replaces Node-only packages that workspace code imports behind a runtime check (backend-webgpu
 * loads the `webgpu` package, Dawn for Node, only when `navigator.gpu` is missing) with a module
 * that throws when used. Without it Rollup follows the dynamic import into Dawn's loader,
 * whose `node:module` import cannot be bundled for browsers, and the build fails.
 */
export function stubNodeOnlyModules(ids: readonly string[]): Plugin {
  return {
    name: 'altclip-demo:node-only-stubs',
    enforce: 'pre',
    resolveId(id) {
      return ids.includes(id) ? `${PREFIX}${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const name = JSON.stringify(id.slice(PREFIX.length));
      return `export function create() { throw new Error(${name} + ' is a Node-only package; browsers use navigator.gpu'); }\n`;
    },
  };
}
