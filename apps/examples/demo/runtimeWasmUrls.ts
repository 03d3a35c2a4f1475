import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const MODULE_ID = 'virtual:altclip-demo/runtime-wasm';
const RESOLVED_ID = `\0${MODULE_ID}`;

const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/**
 * `virtual:altclip-demo/runtime-wasm` exports the URLs of tfjs's wasm binaries as `?url`
 * imports, exactly as backend-tfjs's browser test passes them, so dev and build both serve
 * them. The binaries are resolved from backend-tfjs, which owns that (optional peer)
 * dependency; the demo itself never imports the runtime.
 */
export function runtimeWasmUrls(backendTfjsDir: string): Plugin {
  const require = createRequire(join(backendTfjsDir, 'package.json'));
  const tfjsWasmDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  return {
    name: 'altclip-demo:runtime-wasm',
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const imports = TFJS_WASM_FILES.map((file, i) => `import url${i} from ${JSON.stringify(`${join(tfjsWasmDist, file)}?url`)};`);
      const entries = TFJS_WASM_FILES.map((file, i) => `${JSON.stringify(file)}: url${i}`);
      return `${imports.join('\n')}\nexport const tfjsWasmPaths = { ${entries.join(', ')} };\n`;
    },
  };
}
