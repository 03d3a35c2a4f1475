import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import type { PlanBuilder } from '../../gpu/PlanBuilder.js';
import type { Activation } from '../activation/Activation.js';
import { activationWgsl } from '../activation/activationWgsl.js';
import { wgslHeader } from '../wgslHeader.js';

/** Output tile per workgroup (rows × columns) and the depth of one shared-memory step. */
const TILE_M = 64;
const TILE_N = 64;
const TILE_K = 16;

export interface MatmulVariant {
  storage: StorageType;
  activation: Activation;
  hasBias: boolean;
  hasResidual: boolean;
}

/**
 * `out[m, n] = activate(Σ_k a[m·lda + k] · w[n, k] + bias[n]) + residual[m, n]`: a PyTorch
 * Linear (weight [out, in]) with its bias, activation and the following residual add
 * fused into the epilogue. 16×16 threads each own a 4×4 block of a 64×64 tile; A and W
 * tiles are staged through workgroup memory K-major so the inner loop reads broadcasts.
 */
export function matmulShader(variant: MatmulVariant): string {
  let binding = 1;
  const bind = (name: string, access: 'read' | 'read_write') =>
    `@group(0) @binding(${binding++}) var<storage, ${access}> ${name}: array<T>;`;
  const declarations = [
    bind('a', 'read'),
    bind('w', 'read'),
    variant.hasBias ? bind('bias', 'read') : '',
    variant.hasResidual ? bind('residual', 'read') : '',
    bind('out', 'read_write'),
  ].join('\n');
  return /* wgsl */ `${wgslHeader(variant.storage)}
struct Params { M: u32, N: u32, K: u32, lda: u32 }
@group(0) @binding(0) var<uniform> p: Params;
${declarations}
${activationWgsl(variant.activation)}
const TM = ${TILE_M}u;
const TN = ${TILE_N}u;
const TK = ${TILE_K}u;
var<workgroup> tileA: array<f32, ${TILE_M * TILE_K}>;
var<workgroup> tileW: array<f32, ${TILE_N * TILE_K}>;

@compute @workgroup_size(16, 16, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let tid = lid.y * 16u + lid.x;
  let m0 = wid.y * TM;
  let n0 = wid.x * TN;
  var acc: array<array<f32, 4>, 4>;
  for (var k0 = 0u; k0 < p.K; k0 += TK) {
    for (var i = 0u; i < 4u; i++) {
      let e = tid + i * 256u;
      let r = e / TK;
      let kk = e % TK;
      let gk = k0 + kk;
      let gm = m0 + r;
      var av = 0.0;
      if (gm < p.M && gk < p.K) { av = f32(a[gm * p.lda + gk]); }
      tileA[kk * TM + r] = av;
      let gn = n0 + r;
      var wv = 0.0;
      if (gn < p.N && gk < p.K) { wv = f32(w[gn * p.K + gk]); }
      tileW[kk * TN + r] = wv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TK; kk++) {
      var ar: array<f32, 4>;
      var wr: array<f32, 4>;
      for (var i = 0u; i < 4u; i++) {
        ar[i] = tileA[kk * TM + lid.y * 4u + i];
        wr[i] = tileW[kk * TN + lid.x * 4u + i];
      }
      for (var i = 0u; i < 4u; i++) {
        for (var j = 0u; j < 4u; j++) {
          acc[i][j] = acc[i][j] + ar[i] * wr[j];
        }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let gm = m0 + lid.y * 4u + i;
    if (gm >= p.M) { continue; }
    for (var j = 0u; j < 4u; j++) {
      let gn = n0 + lid.x * 4u + j;
      if (gn >= p.N) { continue; }
      var v = acc[i][j];
      ${variant.hasBias ? 'v = v + f32(bias[gn]);' : ''}
      v = activate(v);
      ${variant.hasResidual ? 'v = v + f32(residual[gm * p.N + gn]);' : ''}
      out[gm * p.N + gn] = T(v);
    }
  }
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
  const source = matmulShader({
    storage: args.storage,
    activation: args.activation ?? 'none',
    hasBias: args.bias !== undefined,
    hasResidual: args.residual !== undefined,
  });
  const buffers = [args.a.buffer, args.weight.buffer];
  if (args.bias) buffers.push(args.bias.buffer);
  if (args.residual) buffers.push(args.residual.buffer);
  buffers.push(out.buffer);
  const uniforms = new Uint32Array([M, N, K, lda]).buffer;
  builder.dispatch(label, source, buffers, uniforms, [Math.ceil(N / TILE_N), Math.ceil(M / TILE_M), 1]);
  return out;
}
