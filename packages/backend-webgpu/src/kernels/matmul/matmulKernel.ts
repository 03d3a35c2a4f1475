import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import type { PlanBuilder } from '../../gpu/PlanBuilder.js';
import type { Activation } from '../activation/Activation.js';
import { activationWgsl } from '../activation/activationWgsl.js';
import { wgslHeader } from '../wgslHeader.js';

/** Output tile per workgroup (rows × columns) and the depth of one shared-memory step. */
const TILE_M = 64;
const TILE_N = 64;
const TILE_K = 16;

const ACTIVATION_CODES: Record<Activation, number> = { none: 0, gelu: 1, gelu_new: 2, quick_gelu: 3, relu: 4 };
const HAS_BIAS = 1;
const HAS_RESIDUAL = 2;

/**
 * `out[m, n] = activate(Σ_k a[m·lda + k] · w[n, k] + bias[n]) + residual[m, n]`: a PyTorch
 * Linear (weight [out, in]) with its bias, activation and the following residual add
 * fused into the epilogue. 16×16 threads each own a 4×4 block of a 64×64 tile; A and W
 * tiles are staged through workgroup memory K-major so the inner loop reads broadcasts.
 * Bias, residual and the activation are uniform switches, not compile-time variants:
 * one pipeline per storage type, because SwiftShader needs seconds per matmul compile.
 */
export function matmulShader(storage: StorageType): string {
  return /* wgsl */ `${wgslHeader(storage)}
struct Params { M: u32, N: u32, K: u32, lda: u32, flags: u32, activation: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<T>;
@group(0) @binding(2) var<storage, read> w: array<T>;
@group(0) @binding(3) var<storage, read> bias: array<T>;
@group(0) @binding(4) var<storage, read> residual: array<T>;
@group(0) @binding(5) var<storage, read_write> out: array<T>;
${activationWgsl()}
const TM = ${TILE_M}u;
const TN = ${TILE_N}u;
const TK = ${TILE_K}u;
// K-major tiles of vec4: one load gives a thread its 4 rows (or 4 columns) at depth k.
var<workgroup> tileA: array<vec4<f32>, ${(TILE_M * TILE_K) / 4}>;
var<workgroup> tileW: array<vec4<f32>, ${(TILE_N * TILE_K) / 4}>;

fn store(gm: u32, n0: u32, acc: vec4<f32>) {
  if (gm >= p.M) { return; }
  for (var j = 0u; j < 4u; j++) {
    let gn = n0 + j;
    if (gn >= p.N) { return; }
    var v = acc[j];
    if ((p.flags & ${HAS_BIAS}u) != 0u) { v = v + f32(bias[gn]); }
    v = activate(p.activation, v);
    if ((p.flags & ${HAS_RESIDUAL}u) != 0u) { v = v + f32(residual[gm * p.N + gn]); }
    out[gm * p.N + gn] = T(v);
  }
}

@compute @workgroup_size(16, 16, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let tid = lid.y * 16u + lid.x;
  let m0 = wid.y * TM;
  let n0 = wid.x * TN;
  var acc0 = vec4<f32>();
  var acc1 = vec4<f32>();
  var acc2 = vec4<f32>();
  var acc3 = vec4<f32>();
  for (var k0 = 0u; k0 < p.K; k0 += TK) {
    for (var i = 0u; i < 4u; i++) {
      let e = tid + i * 256u;
      let r = e / TK;
      let kk = e % TK;
      let gk = k0 + kk;
      let gm = m0 + r;
      var av = 0.0;
      if (gm < p.M && gk < p.K) { av = f32(a[gm * p.lda + gk]); }
      tileA[kk * (TM / 4u) + r / 4u][r % 4u] = av;
      let gn = n0 + r;
      var wv = 0.0;
      if (gn < p.N && gk < p.K) { wv = f32(w[gn * p.K + gk]); }
      tileW[kk * (TN / 4u) + r / 4u][r % 4u] = wv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      let ar = tileA[kk * (TM / 4u) + lid.y];
      let wr = tileW[kk * (TN / 4u) + lid.x];
      acc0 += ar.x * wr;
      acc1 += ar.y * wr;
      acc2 += ar.z * wr;
      acc3 += ar.w * wr;
    }
    workgroupBarrier();
  }
  let row = m0 + lid.y * 4u;
  let col = n0 + lid.x * 4u;
  store(row, col, acc0);
  store(row + 1u, col, acc1);
  store(row + 2u, col, acc2);
  store(row + 3u, col, acc3);
}
`;
}

export interface MatmulArgs {
  /** [M, K] (or rows `lda` apart when `lda` is given). */
  a: GpuTensor;
  /** [N, K], PyTorch Linear layout. */
  weight: GpuTensor;
  bias?: GpuTensor;
  residual?: GpuTensor;
  activation?: Activation;
  /** Rows of `a` to use; defaults to a.dims[0]. */
  rows?: number;
  /** Elements between consecutive rows of `a`; defaults to K. Lets a matmul read every L-th row (pooling). */
  lda?: number;
  storage: StorageType;
}

export function recordMatmul(builder: PlanBuilder, args: MatmulArgs, label = 'matmul'): GpuTensor {
  const [N, K] = args.weight.dims;
  const M = args.rows ?? args.a.dims[0];
  const lda = args.lda ?? K;
  const out = builder.tensor([M, N], args.storage, label);
  const flags = (args.bias ? HAS_BIAS : 0) | (args.residual ? HAS_RESIDUAL : 0);
  const uniforms = new Uint32Array([M, N, K, lda, flags, ACTIVATION_CODES[args.activation ?? 'none']]).buffer;
  // Absent operands are bound to a placeholder that the flags keep the kernel from reading.
  const buffers = [args.a.buffer, args.weight.buffer, (args.bias ?? args.a).buffer, (args.residual ?? args.a).buffer, out.buffer];
  builder.dispatch(label, matmulShader(args.storage), buffers, uniforms, [Math.ceil(N / TILE_N), Math.ceil(M / TILE_M), 1]);
  return out;
}
