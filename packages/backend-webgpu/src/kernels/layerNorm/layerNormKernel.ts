import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import { linearGrid, type PlanBuilder } from '../../gpu/PlanBuilder.js';
import { LINEAR_WORKGROUP_INDEX, wgslHeader } from '../wgslHeader.js';

const THREADS = 64;

/**
 * LayerNorm over the last dimension, one workgroup per row. Two passes (mean, then the
 * mean of squared deviations) as PyTorch does, rather than E[x²]−E[x]², which cancels
 * catastrophically when |mean| ≫ std. Input rows may be `inStride` apart so the CLS
 * rows of a [B, T, H] tensor can be normalised without a gather.
 */
export function layerNormShader(storage: StorageType): string {
  return /* wgsl */ `${wgslHeader(storage)}
struct Params { rows: u32, cols: u32, inStride: u32, eps: f32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<T>;
@group(0) @binding(2) var<storage, read> gamma: array<T>;
@group(0) @binding(3) var<storage, read> beta: array<T>;
@group(0) @binding(4) var<storage, read_write> out: array<T>;
var<workgroup> partial: array<f32, ${THREADS}>;

fn reduceSum(tid: u32, value: f32) -> f32 {
  partial[tid] = value;
  workgroupBarrier();
  for (var s = ${THREADS / 2}u; s > 0u; s = s / 2u) {
    if (tid < s) { partial[tid] = partial[tid] + partial[tid + s]; }
    workgroupBarrier();
  }
  let total = partial[0];
  workgroupBarrier();
  return total;
}

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let row = ${LINEAR_WORKGROUP_INDEX};
  if (row >= p.rows) { return; }
  let tid = lid.x;
  let base = row * p.inStride;
  var s = 0.0;
  for (var c = tid; c < p.cols; c += ${THREADS}u) { s += f32(x[base + c]); }
  let mean = reduceSum(tid, s) / f32(p.cols);
  var v = 0.0;
  for (var c = tid; c < p.cols; c += ${THREADS}u) { let d = f32(x[base + c]) - mean; v += d * d; }
  let inv = inverseSqrt(reduceSum(tid, v) / f32(p.cols) + p.eps);
  for (var c = tid; c < p.cols; c += ${THREADS}u) {
    out[row * p.cols + c] = T((f32(x[base + c]) - mean) * inv * f32(gamma[c]) + f32(beta[c]));
  }
}
`;
}

export interface LayerNormArgs {
  x: GpuTensor;
  weight: GpuTensor;
  bias: GpuTensor;
  eps: number;
  storage: StorageType;
  /** Rows to normalise; defaults to all rows of `x` (as [rows, cols]). */
  rows?: number;
  /** Elements between consecutive input rows; defaults to cols. */
  inStride?: number;
}

export function recordLayerNorm(builder: PlanBuilder, args: LayerNormArgs, label = 'layerNorm'): GpuTensor {
  const cols = args.weight.dims[0];
  const rows = args.rows ?? args.x.dims.reduce((a, b) => a * b, 1) / cols;
  const out = builder.tensor([rows, cols], args.storage, label);
  const uniforms = new ArrayBuffer(16);
  new Uint32Array(uniforms, 0, 3).set([rows, cols, args.inStride ?? cols]);
  new Float32Array(uniforms, 12, 1)[0] = args.eps;
  builder.dispatch(
    label,
    layerNormShader(args.storage),
    [args.x.buffer, args.weight.buffer, args.bias.buffer, out.buffer],
    uniforms,
    linearGrid(rows),
  );
  return out;
}
