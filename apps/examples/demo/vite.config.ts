import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { crossOriginIsolation } from './crossOriginIsolation.js';
import { runtimeWasmUrls } from './runtimeWasmUrls.js';
import { serveStaticFiles } from './serveStaticFiles.js';

const demoDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixtureDir = `${repoRoot}fixtures/altclip-tiny`;

/** What the page fetches of the bundled checkpoint (through core's urlFiles). */
export const BUNDLED_MODEL_FILES = [
  'config.json',
  'model.safetensors',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'sentencepiece.bpe.model',
];
export const SAMPLE_IMAGES = ['chelsea.png', 'astronaut.png'];

export default defineConfig({
  root: demoDir,
  // No SPA fallback: a missing model file must be a 404, not index.html.
  appType: 'mpa',
  publicDir: false,
  base: './',
  // Workspace packages resolve to their TypeScript sources, as in the repo's tests.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [
    // First, so its headers are on every response (model files and samples included).
    crossOriginIsolation(),
    serveStaticFiles([
      { prefix: '/models/altclip-tiny/', dir: fixtureDir, files: BUNDLED_MODEL_FILES },
      { prefix: '/samples/', dir: `${fixtureDir}/images`, files: SAMPLE_IMAGES },
    ]),
    runtimeWasmUrls(`${repoRoot}packages/backend-tfjs`),
  ],
  // The inference worker (src/demo/engine/demoWorker.ts) imports the runtimes dynamically: an ES module
  // worker keeps those chunks; it needs the runtime-wasm virtual module too.
  worker: { format: 'es', plugins: () => [runtimeWasmUrls(`${repoRoot}packages/backend-tfjs`)] },
  // ORT-web finds its .wasm next to its own module (`new URL(…, import.meta.url)`); pre-bundling
  // would move the module away from the binaries.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  server: { fs: { allow: [repoRoot] } },
  build: { outDir: '../dist-demo', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});
