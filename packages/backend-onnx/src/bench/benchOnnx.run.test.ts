import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { createOnnxWebBackend } from '../web/createOnnxWebBackend.js';
import type { BenchConfigName } from './benchConfigs.js';
import { benchOnnx } from './benchOnnx.js';

// A benchmark, not a test: it runs only when asked, e.g.
//   ALTCLIP_BENCH=medium ALTCLIP_BENCH_DTYPE=int8 [ALTCLIP_BENCH_INT8_ACTIVATIONS=per-row] pnpm vitest run --project @altclip/backend-onnx src/bench
// (`pnpm bench` runs the built equivalent, bench/run.mjs).
const config = process.env.ALTCLIP_BENCH as BenchConfigName | undefined;

describe.skipIf(!config)('benchOnnx (set ALTCLIP_BENCH=medium|full to run)', () => {
  it('prints JSON', async () => {
    const cacheDir = process.env.ALTCLIP_BENCH_CACHE ?? mkdtempSync(join(tmpdir(), 'altclip-onnx-bench-'));
    const threads = Number(process.env.ALTCLIP_BENCH_THREADS ?? 2);
    const int8Activations = (process.env.ALTCLIP_BENCH_INT8_ACTIVATIONS ?? 'per-tensor') as 'per-tensor' | 'per-row';
    // ALTCLIP_BENCH_BACKEND=onnx-web: onnxruntime-web's wasm EP in this process, `threads` wasm threads.
    const web = process.env.ALTCLIP_BENCH_BACKEND === 'onnx-web';
    const backend = web
      ? createOnnxWebBackend({ numThreads: threads, int8Activations, sessionOptions: { executionProviders: ['wasm'] } })
      : createOnnxNodeBackend({ cacheDir, int8Activations, sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } });
    const attention = process.env.ALTCLIP_BENCH_ATTENTION ?? 'standard';
    const result = await benchOnnx({ backend, config, dtype: (process.env.ALTCLIP_BENCH_DTYPE ?? 'fp32') as never, backendOptions: { attention } });
    console.log(`BENCH ${JSON.stringify({ ...result, threads, int8Activations, cpu: (await import('node:os')).cpus()[0]?.model })}`);
    if (!process.env.ALTCLIP_BENCH_CACHE) rmSync(cacheDir, { recursive: true, force: true });
  }, 3_600_000);
});
