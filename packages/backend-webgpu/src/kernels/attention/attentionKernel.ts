import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import type { PlanBuilder } from '../../gpu/PlanBuilder.js';
import { wgslHeader } from '../wgslHeader.js';

const THREADS = 64;

export interface AttentionVariant {
  storage: StorageType;
  /** A multiple of 4: q and the running output live in vec4 registers. */
  headDim: number;
  hasMask: boolean;
  writeProbabilities: boolean;
}

/**
 * Fused multi-head attention, one thread per (batch·head, query), no workgroup
 * barriers: an online softmax walks the keys once, rescaling the running weighted sum
 * of values whenever the running maximum grows (FlashAttention's recurrence), so the
 * [B, heads, L, L] scores never exist in memory. When the probabilities are requested
 * a second walk recomputes each score and writes exp(s − max) / sum.
 * The 64 threads of a workgroup are 64 queries of one head: they read the same key
 * and value rows at the same time. q, k, v come packed as one [B·L, 3·hidden] tensor
 * (one fused QKV matmul); head h uses columns h·headDim… of each third.
 * A workgroup per query with shared-memory reductions was 50× slower on SwiftShader,
 * whose barriers cost about a millisecond per workgroup.
 */
export function attentionShader(variant: AttentionVariant): string {
  const vecs = variant.headDim / 4;
  let binding = 1;
  const extra = [
    variant.hasMask ? `@group(0) @binding(${++binding}) var<storage, read> mask: array<f32>;` : '',
    `@group(0) @binding(${++binding}) var<storage, read_write> ctx: array<T>;`,
    variant.writeProbabilities ? `@group(0) @binding(${++binding}) var<storage, read_write> probs: array<f32>;` : '',
  ].join('\n');
  const score = `dot4(&q, (b * p.L + j) * stride + hidden + h * DH) * p.scale${variant.hasMask ? ' + mask[b * p.L + j]' : ''}`;
  return /* wgsl */ `${wgslHeader(variant.storage)}
struct Params { L: u32, heads: u32, scale: f32, _pad: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> qkv: array<T>;
${extra}
const DH = ${variant.headDim}u;
const VECS = ${vecs}u;

fn load4(base: u32) -> vec4<f32> {
  return vec4<f32>(f32(qkv[base]), f32(qkv[base + 1u]), f32(qkv[base + 2u]), f32(qkv[base + 3u]));
}

fn dot4(q: ptr<function, array<vec4<f32>, ${vecs}>>, base: u32) -> f32 {
  var s = 0.0;
  for (var d = 0u; d < VECS; d++) { s += dot((*q)[d], load4(base + d * 4u)); }
  return s;
}

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let i = wid.x * ${THREADS}u + lid.x;
  if (i >= p.L) { return; }
  let b = wid.y / p.heads;
  let h = wid.y % p.heads;
  let hidden = p.heads * DH;
  let stride = 3u * hidden;
  var q: array<vec4<f32>, ${vecs}>;
  var acc: array<vec4<f32>, ${vecs}>;
  let qBase = (b * p.L + i) * stride + h * DH;
  for (var d = 0u; d < VECS; d++) { q[d] = load4(qBase + d * 4u); }

  var rowMax = -0x1.fffffep+127f;
  var sum = 0.0;
  for (var j = 0u; j < p.L; j++) {
    let s = ${score};
    let newMax = max(rowMax, s);
    let rescale = exp(rowMax - newMax);
    let weight = exp(s - newMax);
    sum = sum * rescale + weight;
    let vBase = (b * p.L + j) * stride + 2u * hidden + h * DH;
    for (var d = 0u; d < VECS; d++) { acc[d] = acc[d] * rescale + weight * load4(vBase + d * 4u); }
    rowMax = newMax;
  }
  let inv = 1.0 / sum;
  let outBase = (b * p.L + i) * hidden + h * DH;
  for (var d = 0u; d < VECS; d++) {
    let v = acc[d] * inv;
    ctx[outBase + d * 4u] = T(v.x);
    ctx[outBase + d * 4u + 1u] = T(v.y);
    ctx[outBase + d * 4u + 2u] = T(v.z);
    ctx[outBase + d * 4u + 3u] = T(v.w);
  }
  ${
    variant.writeProbabilities
      ? `for (var j = 0u; j < p.L; j++) {
    probs[(wid.y * p.L + i) * p.L + j] = exp(${score} - rowMax) * inv;
  }`
      : ''
  }
}
`;
}

export interface AttentionArgs {
  /** [B·L, 3·hidden]: q | k | v. */
  qkv: GpuTensor;
  batch: number;
  seqLength: number;
  heads: number;
  /** float32 [B, L] additive key mask; absent for the vision tower. */
  mask?: GpuTensor;
  scale: number;
  storage: StorageType;
  writeProbabilities: boolean;
}

export interface AttentionResult {
  /** [B·L, hidden]. */
  context: GpuTensor;
  /** float32 [B, heads, L, L] when requested. */
  probabilities?: GpuTensor;
}

export function recordAttention(builder: PlanBuilder, args: AttentionArgs, label = 'attention'): AttentionResult {
  const { batch: B, seqLength: L, heads } = args;
  const hidden = args.qkv.dims[1] / 3;
  const headDim = hidden / heads;
  if (!Number.isInteger(headDim) || headDim % 4 !== 0) {
    throw new RangeError(`${label}: head size ${headDim} (hidden / heads) must be a multiple of 4`);
  }
  const context = builder.tensor([B * L, hidden], args.storage, `${label}.context`);
  const probabilities = args.writeProbabilities ? builder.tensor([B, heads, L, L], 'f32', `${label}.probs`) : undefined;
  const source = attentionShader({
    storage: args.storage,
    headDim,
    hasMask: args.mask !== undefined,
    writeProbabilities: args.writeProbabilities,
  });
  const buffers = [args.qkv.buffer];
  if (args.mask) buffers.push(args.mask.buffer);
  buffers.push(context.buffer);
  if (probabilities) buffers.push(probabilities.buffer);
  const uniforms = new ArrayBuffer(16);
  new Uint32Array(uniforms, 0, 2).set([L, heads]);
  new Float32Array(uniforms, 8, 1)[0] = args.scale;
  builder.dispatch(label, source, buffers, uniforms, [Math.ceil(L / THREADS), B * heads, 1]);
  return { context, probabilities };
}
