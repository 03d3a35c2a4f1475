/** What this package calls on `@tensorflow/tfjs-backend-wasm` (structural, so the optional peer's types are not needed). */
export interface TfjsWasmModule {
  setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
  setThreadsCount(numThreads: number): void;
  getThreadsCount(): number;
}

/**
 * The tfjs runtime packages an app imported itself, e.g. `{ webgl: await import('@tensorflow/tfjs-backend-webgl') }`.
 * Importing a runtime package registers it with tfjs-core; passing it here also tells this package it is there.
 * This package never names a runtime package in an import a bundler can see (they are optional peers, and a
 * bundle must hold only the runtimes the app chose), so bundled code passes them here; Node finds installed ones.
 */
export interface TfjsRuntimeModules {
  wasm?: TfjsWasmModule;
  cpu?: object;
  webgl?: object;
  webgpu?: object;
  tensorflow?: object;
}
