/// <reference types="vite/client" />

// Provided by demo/runtimeWasmUrls.ts.
declare module 'virtual:altclip-demo/runtime-wasm' {
  /** URLs of tfjs-backend-wasm's three binaries, keyed by file name (tfjs's `setWasmPaths` map). */
  export const tfjsWasmPaths: Readonly<Record<string, string>>;
}
