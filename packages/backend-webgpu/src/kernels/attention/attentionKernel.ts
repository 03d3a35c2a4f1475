import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import type { PlanBuilder } from '../../gpu/PlanBuilder.js';
import { wgslHeader } from '../wgslHeader.js';

const THREADS = 64;
/** Workgroup memory every adapter offers; one query row's scores, q and the reduction scratch must fit. */
const WORKGROUP_BYTES = 16384;

export interface AttentionVariant {
  storage: StorageType;
  headDim: number;
  /** Keys rounded up to a multiple of 64: the size of the score row in workgroup memory. */
  keyCapacity: number;
  hasMask: boolean;
  writeProbabilities: boolean;
}

/**
 * Fused multi-head attention, one workgroup per (query, batch·head): scores q·k·scale
 * (+ the additive key mask), a max-subtracted softmax and the probability-weighted sum
 * of values, without materialising [B, heads, L, L] in device memory unless the
 * probabilities are requested. q, k, v come packed as one [B·L, 3·hidden] tensor
 * (one fused QKV matmul); head h uses columns h·headDim… of each third.
 */
export function attentionShader(variant: AttentionVariant): string {
  let binding = 1;
  const extra = [
    variant.hasMask ? `@group(0) @binding(${++binding}) var<storage, read> mask: array<f32>;` : '',
    `@group(0) @binding(${++binding}) var<storage, read_write> ctx: array<T>;`,
    variant.writeProbabilities ? `@group(0) @binding(${++binding}) var<storage, read_write> probs: array<f32>;` : '',
  ].join('\n');
  return /* wgsl */ `${wgslHeader(variant.storage)}
struct Params { L: u32, heads: u32, scale: f32, _pad: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> qkv: array<T>;
${extra}
const DH = ${variant.headDim}u;
var<workgroup> q: array<f32, ${variant.headDim}>;
var<workgroup> s: array<f32, ${variant.keyCapacity}>;
var<workgroup> partial: array<f32, ${THREADS}>;

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let tid = lid.x;
  let i = wid.x;
  let b = wid.y / p.heads;
  let h = wid.y % p.heads;
  let hidden = p.heads * DH;
  let stride = 3u * hidden;
  let qBase = (b * p.L + i) * stride + h * DH;
  for (var d = tid; d < DH; d += ${THREADS}u) { q[d] = f32(qkv[qBase + d]); }
  workgroupBarrier();

  var localMax = -0x1.fffffep+127f;
  for (var j = tid; j < p.L; j += ${THREADS}u) {
    let kBase = (b * p.L + j) * stride + hidden + h * DH;
    var dot = 0.0;
    for (var d = 0u; d < DH; d++) { dot += q[d] * f32(qkv[kBase + d]); }
    let score = dot * p.scale${variant.hasMask ? ' + mask[b * p.L + j]' : ''};
    s[j] = score;
    localMax = max(localMax, score);
  }
  partial[tid] = localMax;
  workgroupBarrier();
  for (var w = ${THREADS / 2}u; w > 0u; w = w / 2u) {
    if (tid < w) { partial[tid] = max(partial[tid], partial[tid + w]); }
    workgroupBarrier();
  }
  let rowMax = partial[0];
  workgroupBarrier();

  var localSum = 0.0;
  for (var j = tid; j < p.L; j += ${THREADS}u) {
    let e = exp(s[j] - rowMax);
    s[j] = e;
    localSum += e;
  }
  partial[tid] = localSum;
  workgroupBarrier();
  for (var w = ${THREADS / 2}u; w > 0u; w = w / 2u) {
    if (tid < w) { partial[tid] = partial[tid] + partial[tid + w]; }
    workgroupBarrier();
  }
  let inv = 1.0 / partial[0];
  for (var j = tid; j < p.L; j += ${THREADS}u) {
    let pj = s[j] * inv;
    s[j] = pj;
    ${variant.writeProbabilities ? 'probs[(wid.y * p.L + i) * p.L + j] = pj;' : ''}
  }
  workgroupBarrier();

  for (var d = tid; d < DH; d += ${THREADS}u) {
    var acc = 0.0;
    for (var j = 0u; j < p.L; j++) { acc += s[j] * f32(qkv[(b * p.L + j) * stride + 2u * hidden + h * DH + d]); }
    ctx[(b * p.L + i) * hidden + h * DH + d] = T(acc);
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
  const keyCapacity = Math.ceil(L / THREADS) * THREADS;
  if ((keyCapacity + headDim + THREADS) * 4 > WORKGROUP_BYTES) {
    throw new RangeError(`${label}: ${L} tokens with head size ${headDim} do not fit one workgroup's ${WORKGROUP_BYTES} bytes`);
  }
  const context = builder.tensor([B * L, hidden], args.storage, `${label}.context`);
  const probabilities = args.writeProbabilities ? builder.tensor([B, heads, L, L], 'f32', `${label}.probs`) : undefined;
  const source = attentionShader({
    storage: args.storage,
    headDim,
    keyCapacity,
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
  builder.dispatch(label, source, buffers, uniforms, [L, B * heads, 1]);
  return { context, probabilities };
}
