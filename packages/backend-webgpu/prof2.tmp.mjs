import { GpuContext } from './dist/gpu/GpuContext.js';
import { PlanBuilder } from './dist/gpu/PlanBuilder.js';
import { BufferUsage } from './dist/gpu/gpuConstants.js';
import { recordMatmul, matmulShader } from './dist/kernels/matmul/matmulKernel.js';
import { recordPatchEmbedding } from './dist/kernels/patchEmbedding/patchEmbeddingKernel.js';
const ctx = await GpuContext.create();
const up = (n, dims) => ({ buffer: ctx.createBufferWithData(new Float32Array(n).map((_, i) => Math.sin(i)), BufferUsage.STORAGE), dims, type: 'f32' });
async function time(label, rec) {
  const b = new PlanBuilder(ctx); rec(b); const plan = b.finish();
  for (let k = 0; k < 2; k++) {
    const t = performance.now();
    const enc = ctx.device.createCommandEncoder(); plan.encode(enc); ctx.device.queue.submit([enc.finish()]);
    await ctx.device.queue.onSubmittedWorkDone();
    if (k === 1) console.log(label, (performance.now() - t).toFixed(1), 'ms');
  }
}
const M = 400;
const A = up(M * 384, [M, 384]), Wt = up(1536 * 384, [1536, 384]), bias = up(1536, [1536]);
await time(`matmul ${M}x384 · 1536x384`, (b) => recordMatmul(b, { a: A, weight: Wt, bias, activation: 'quick_gelu', storage: 'f32' }));
// naive: one thread per 4 columns of one row, no shared memory
const naive = `struct Params { M: u32, N: u32, K: u32, lda: u32, flags: u32, activation: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let n = gid.x; let m = gid.y;
  if (n >= p.N || m >= p.M) { return; }
  var acc = 0.0;
  for (var k = 0u; k < p.K; k++) { acc += a[m * p.lda + k] * w[n * p.K + k]; }
  out[m * p.N + n] = acc;
}`;
await time('naive', (b) => { const out = b.tensor([M, 1536], 'f32'); b.dispatch('naive', naive, [A.buffer, Wt.buffer, out.buffer], new Uint32Array([M, 1536, 384, 384, 0, 0]).buffer, [1536 / 64, M, 1]); });
await time(`patch B=8 224 p32 h384`, (b) => recordPatchEmbedding(b, { pixels: up(8 * 3 * 224 * 224, [8, 3, 224, 224]), weight: up(384 * 3 * 32 * 32, [384, 3, 32, 32]), classEmbedding: up(384, [384]), positionEmbedding: up(50 * 384, [50, 384]), storage: 'f32' }));
ctx.destroy();
