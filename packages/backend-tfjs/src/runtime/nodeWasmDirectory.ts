/**
 * Node only: the directory holding `@tensorflow/tfjs-backend-wasm`'s `.wasm` binaries,
 * resolved from this package so that it still works when the JavaScript around it was
 * bundled somewhere else. `node:module` is imported dynamically and by a computed
 * specifier so that browser bundlers never try to include it.
 */
export async function nodeWasmDirectory(): Promise<string> {
  const moduleSpecifier = 'node:module';
  const pathSpecifier = 'node:path';
  const { createRequire } = (await import(/* @vite-ignore */ moduleSpecifier)) as typeof import('node:module');
  const { dirname, sep } = (await import(/* @vite-ignore */ pathSpecifier)) as typeof import('node:path');
  const require = createRequire(import.meta.url);
  // The package has no `exports` map, so `main` (dist/tf-backend-wasm.node.js) sits beside the binaries.
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + sep;
}
