// Test support for *.browser.test.ts: onnxruntime-web set up for the vitest browser page.
// The shared vitest config resolves bare `onnxruntime-web` with the `node` condition even for
// the browser project (its dep optimizer then bundles ORT's Node build); `/all` has no Node variant.
import * as ort from 'onnxruntime-web/all';
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import type { OrtModule } from '../../runtime/OrtModule.js';

/** The onnxruntime-web module, configured for the test page (idempotent). */
export function browserOrt(): typeof ort {
  // Vite serves the pre-bundled JavaScript away from ORT's wasm files: pass their URLs, as a bundled app would.
  ort.env.wasm.wasmPaths = { mjs: mjsUrl, wasm: wasmUrl };
  // No cross-origin isolation in the test page → no SharedArrayBuffer → one thread.
  ort.env.wasm.numThreads = 1;
  // Node-placement notices (shape ops stay on CPU) are expected; keep the test log readable.
  ort.env.logLevel = 'error';
  return ort;
}

/** The same module typed as the backend's `ort` option. */
export const asOrtModule = (module: typeof ort): OrtModule => module as unknown as OrtModule;
