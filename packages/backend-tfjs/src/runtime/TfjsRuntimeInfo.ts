import type { BackendEnvironment } from '@altclip/core';
import type { TfjsRuntimeName } from './TfjsRuntimeName.js';

/** What `init()` ended up with; `precision` is what the arithmetic really uses. */
export interface TfjsRuntimeInfo {
  readonly name: TfjsRuntimeName;
  readonly environment: BackendEnvironment;
  readonly precision: 'float32' | 'float16';
  /** wasm only. */
  readonly simd?: boolean;
  /** wasm only: 1 without threads. */
  readonly threads?: number;
}
