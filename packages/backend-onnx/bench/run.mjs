#!/usr/bin/env node
// `pnpm bench` (after `pnpm build`): AltCLIP with random weights on onnxruntime-node, one child
// process per dtype so that each peak RSS is its own. Prints one JSON array on stdout.
//   ALTCLIP_BENCH_CONFIG=full|medium (default full)  ALTCLIP_BENCH_DTYPES=fp32,fp16,int8
//   ALTCLIP_BENCH_THREADS=2  ALTCLIP_BENCH_ATTENTION=standard|contrib  ALTCLIP_BENCH_CACHE=<dir> (default: a temp dir)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const config = env.ALTCLIP_BENCH_CONFIG ?? 'full';
const threads = Number(env.ALTCLIP_BENCH_THREADS ?? 2);
const attention = env.ALTCLIP_BENCH_ATTENTION ?? 'standard';

if (process.argv[2] === '--child') {
  const dtype = process.argv[3];
  const { benchOnnx, createOnnxNodeBackend } = await import('../dist/node.js');
  const backend = createOnnxNodeBackend({ cacheDir: env.ALTCLIP_BENCH_CACHE, sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } });
  const result = await benchOnnx({ backend, config, dtype, backendOptions: { attention } });
  process.stdout.write(`${JSON.stringify({ ...result, threads })}\n`);
} else {
  const dtypes = (env.ALTCLIP_BENCH_DTYPES ?? 'fp32,fp16,int8').split(',');
  const cache = env.ALTCLIP_BENCH_CACHE ?? mkdtempSync(join(tmpdir(), 'altclip-onnx-bench-'));
  const results = [];
  try {
    for (const dtype of dtypes) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dtype], {
        env: { ...env, ALTCLIP_BENCH_CACHE: cache },
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 1 << 20,
      });
      results.push(JSON.parse(out.toString().trim().split('\n').pop()));
    }
  } finally {
    if (!env.ALTCLIP_BENCH_CACHE) rmSync(cache, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results, null, 2));
}
