import type { TfjsRuntimeOptions } from './runtime/TfjsRuntimeOptions.js';

/** Options of `createTfjsBackend`; today only the runtime choice and its settings. */
export type TfjsBackendOptions = TfjsRuntimeOptions;
