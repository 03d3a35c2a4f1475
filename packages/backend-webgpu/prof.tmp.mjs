import { GpuContext } from './dist/gpu/GpuContext.js';
import { PlanBuilder } from './dist/gpu/PlanBuilder.js';
import { BufferUsage } from './dist/gpu/gpuConstants.js';
import { recordMatmul } from './dist/kernels/matmul/matmulKernel.js';
import { recordAttention } from './dist/kernels/attention/attentionKernel.js';
import { recordLayerNorm } from './dist/kernels/layerNorm/layerNormKernel.js';
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
await time(`matmul ${M}x384 · 1536x384`, (b) => recordMatmul(b, { a: up(M * 384, [M, 384]), weight: up(1536 * 384, [1536, 384]), bias: up(1536, [1536]), activation: 'quick_gelu', storage: 'f32' }));
await time(`attention B=8 L=50 H=6 dh=64 probs`, (b) => recordAttention(b, { qkv: up(400 * 1152, [400, 1152]), batch: 8, seqLength: 50, heads: 6, scale: 0.125, storage: 'f32', writeProbabilities: false }));
await time(`layernorm 400x384`, (b) => recordLayerNorm(b, { x: up(400 * 384, [400, 384]), weight: up(384, [384]), bias: up(384, [384]), eps: 1e-5, storage: 'f32' }));
await time(`patch B=8 224 p32 h384`, (b) => recordPatchEmbedding(b, { pixels: up(8 * 3 * 224 * 224, [8, 3, 224, 224]), weight: up(384 * 3 * 32 * 32, [384, 3, 32, 32]), classEmbedding: up(384, [384]), positionEmbedding: up(50 * 384, [50, 384]), storage: 'f32' }));
ctx.destroy();
