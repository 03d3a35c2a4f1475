import type { TfjsRuntimeModules } from './TfjsRuntimeModules.js';
import type { TfjsRuntimeName } from './TfjsRuntimeName.js';

export interface TfjsRuntimeOptions {
  /** Force one runtime instead of trying them in `runtimeOrder`'s order; failing to load it is an error. */
  backend?: TfjsRuntimeName;
  /**
   * Where the wasm runtime finds `tfjs-backend-wasm*.wasm`: a URL/directory prefix ending in `/`,
   * or a map from each of the three file names to its URL. Node defaults to the installed
   * package's `dist/`; browsers need it whenever a bundler moved the JavaScript away from the binaries.
   */
  wasmPaths?: string | Readonly<Record<string, string>>;
  /** Worker threads for the wasm runtime where threads exist (cross-origin isolated pages only). */
  threads?: number;
  /**
   * The runtime packages the app imported (bundled code must pass them: see TfjsRuntimeModules). Node imports
   * installed ones by itself.
   */
  runtimes?: TfjsRuntimeModules;
  /** WebGL: store textures as float16 even where float32 rendering works (halves GPU memory; see README). */
  webglForceHalfFloat?: boolean;
}
