import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import { linearGrid, type PlanBuilder } from '../../gpu/PlanBuilder.js';
import { LINEAR_WORKGROUP_INDEX, wgslHeader } from '../wgslHeader.js';

const THREADS = 64;

/**
 * LayerNorm over the last dimension, one thread per row. The variance is the mean of
 * squared deviations, as PyTorch computes it, rather than E[x²]−E[x]², which cancels
 * catastrophically when |mean| ≫ std. No workgroup reductions: rows are many (batch ×
 * tokens) and short (≤ 1280), and SwiftShader's barriers made a workgroup-per-row
 * version cost ~0.8 ms per row. Input rows may be `inStride` apart so the CLS rows of a
 * [B, T, H] tensor can be normalised without a gather.
 */
export function layerNormShader(storage: StorageType): string {
  return /* wgsl */ `${wgslHeader(storage)}
struct Params { rows: u32, cols: u32, inStride: u32, eps: f32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> x: array<T>;
@group(0) @binding(2) var<storage, read> gamma: array<T>;
@group(0) @binding(3) var<storage, read> beta: array<T>;
@group(0) @binding(4) var<storage, read_write> out: array<T>;

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let row = (${LINEAR_WORKGROUP_INDEX}) * ${THREADS}u + lid.x;
  if (row >= p.rows) { return; }
  let base = row * p.inStride;
  var s = 0.0;
  for (var c = 0u; c < p.cols; c++) { s += f32(x[base + c]); }
  let roughMean = s / f32(p.cols);
  // A serial f32 sum drifts by ~n·ulp(sum); the deviations from the rough mean are
  // small, so summing them recovers the mean to ~ulp(mean) (matters when |mean| ≫ std).
  var correction = 0.0;
  for (var c = 0u; c < p.cols; c++) { correction += f32(x[base + c]) - roughMean; }
  let mean = roughMean + correction / f32(p.cols);
  var v = 0.0;
  for (var c = 0u; c < p.cols; c++) { let d = f32(x[base + c]) - mean; v += d * d; }
  let inv = inverseSqrt(v / f32(p.cols) + p.eps);
  for (var c = 0u; c < p.cols; c++) {
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
    linearGrid(Math.ceil(rows / THREADS)),
  );
  return out;
}
