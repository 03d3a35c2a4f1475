import { OnnxDataType } from '../proto/OnnxDataType.js';
import { int, ints } from './Attribute.js';
import { quantizeInt8 } from '../quantize/quantizeInt8.js';
import { Q4_BLOCK_SIZE } from '../quantize/q4Scheme.js';
import { quantizeInt4Blocks } from '../quantize/quantizeInt4Blocks.js';
import type { BuildContext } from './BuildContext.js';
import { floatWeight, rawWeight, transpose2d } from './weightInitializer.js';

export interface LinearSpec {
  /** HF module name, e.g. `roberta.encoder.layer.0.attention.self.query`. */
  readonly module: string;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly bias: boolean;
  /** Folded into weight and bias (the attention 1/√d scale), exact for powers of two. */
  readonly scale?: number;
}

/**
 * `x @ Wᵀ + b` for a PyTorch Linear (weight [out, in]). The weight is stored
 * transposed so that MatMul needs no Transpose node. int8 uses ORT's
 * DynamicQuantizeMatMul (activations quantised per call, weights per output column).
 */
export function linear(ctx: BuildContext, x: string, spec: LinearSpec): string {
  const { module, inFeatures, outFeatures } = spec;
  const scale = spec.scale ?? 1;
  const weightName = `${module}.weight`;
  const read = () => ctx.weights.float32(weightName, [outFeatures, inFeatures]);
  ctx.weights.tensor(weightName, [outFeatures, inFeatures]);
  let bias: string | undefined;
  if (spec.bias) {
    const biasName = `${module}.bias`;
    ctx.weights.tensor(biasName, [outFeatures]);
    bias = floatWeight(ctx, biasName, [outFeatures], () => {
      const b = ctx.weights.float32(biasName, [outFeatures]);
      return scale === 1 ? b : b.map((v) => v * scale);
    });
  }
  if (ctx.options.dtype === 'q4') return q4MatMul(ctx, x, spec, read, bias);
  if (ctx.options.dtype === 'int8') {
    const q = quantizeInt8(transpose2d(read(), outFeatures, inFeatures, scale), inFeatures, outFeatures, 1);
    const wq = rawWeight(ctx, `${weightName}.int8`, OnnxDataType.INT8, [inFeatures, outFeatures], q.values);
    const ws = rawWeight(ctx, `${weightName}.scale`, OnnxDataType.FLOAT, [outFeatures], q.scales);
    ctx.g.useDomain('com.microsoft', 1);
    if (ctx.options.int8Activations === 'per-row') return perRowInt8MatMul(ctx, x, wq, ws, bias, module);
    return ctx.g.node('DynamicQuantizeMatMul', [x, wq, ws, '', ...(bias ? [bias] : [])], {}, { domain: 'com.microsoft', prefix: module });
  }
  const w = floatWeight(ctx, `${weightName}.T`, [inFeatures, outFeatures], () => transpose2d(read(), outFeatures, inFeatures, scale), ctx.options.dtype === 'fp16');
  const y = ctx.g.node('MatMul', [x, w], {}, { prefix: `${module}/MatMul` });
  return bias ? ctx.g.node('Add', [y, bias], {}, { prefix: module }) : y;
}

/**
 * `x @ W` with x quantised per row (token): symmetric, scale = max|row| / 127, stored as uint8 around
 * the zero point 128 so that MatMulIntegerToFloat takes MLAS's uint8 × int8 path; the row scales are
 * applied after the integer product, whose int32 sums are exact — so no row depends on another.
 */
function perRowInt8MatMul(ctx: BuildContext, x: string, wq: string, ws: string, bias: string | undefined, module: string): string {
  const { g } = ctx;
  const maxAbs = g.node('ReduceMax', [g.node('Abs', [x], {}, { prefix: `${module}/abs` })], { axes: ints([-1]), keepdims: int(1) }, { prefix: `${module}/row_max` });
  // A zero row would divide by zero; its quantised values are 0 with any positive scale.
  const scale = g.node('Max', [g.node('Div', [maxAbs, g.scalar(`${module}/127`, 127)]), g.scalar(`${module}/tiny`, 1e-30)], {}, { prefix: `${module}/row_scale` });
  const shifted = g.node('Add', [g.node('Round', [g.node('Div', [x, scale])]), g.scalar(`${module}/128`, 128)]);
  const q = g.node('Cast', [shifted], { to: int(OnnxDataType.UINT8) }, { prefix: `${module}/uint8` });
  const zeroPoint = g.constant(`${module}/zero_point`, OnnxDataType.UINT8, [], [128]);
  const one = g.scalar(`${module}/one`, 1);
  const product = g.node('MatMulIntegerToFloat', [q, wq, one, ws, zeroPoint], {}, { domain: 'com.microsoft', prefix: module });
  const y = g.node('Mul', [product, scale], {}, { prefix: `${module}/rescale` });
  return bias ? g.node('Add', [y, bias], {}, { prefix: module }) : y;
}

/**
 * dtype q4: ORT's com.microsoft.MatMulNBits with the PyTorch weight [out, in] as B ([N, K], its
 * layout), 4 bits in blocks of 32 along K, float32 activations (accuracy_level 0), bias as an Add.
 */
function q4MatMul(ctx: BuildContext, x: string, spec: LinearSpec, read: () => Float32Array, bias: string | undefined): string {
  const { module, inFeatures: K, outFeatures: N } = spec;
  const scale = spec.scale ?? 1;
  const asymmetric = ctx.options.q4ZeroPoints === true;
  const blocks = Math.ceil(K / Q4_BLOCK_SIZE);
  // Quantised once, on first use of any of the three initializers (they are written one after another).
  let q: ReturnType<typeof quantizeInt4Blocks> | undefined;
  const get = () => {
    if (!q) {
      const w = read();
      q = quantizeInt4Blocks(scale === 1 ? w : w.map((v) => v * scale), N, K, Q4_BLOCK_SIZE, asymmetric);
    }
    return q;
  };
  const name = `${module}.weight`;
  ctx.g.initializer({ name: `${name}.q4`, dataType: OnnxDataType.UINT8, dims: [N, blocks, Q4_BLOCK_SIZE / 2], byteLength: N * blocks * (Q4_BLOCK_SIZE / 2), bytes: () => get().packed });
  ctx.g.initializer({ name: `${name}.q4_scale`, dataType: OnnxDataType.FLOAT, dims: [N * blocks], byteLength: N * blocks * 4, bytes: () => new Uint8Array(get().scales.buffer) });
  const inputs = [x, `${name}.q4`, `${name}.q4_scale`];
  if (asymmetric) {
    const zpBytes = N * Math.ceil(blocks / 2);
    ctx.g.initializer({ name: `${name}.q4_zero_point`, dataType: OnnxDataType.UINT8, dims: [zpBytes], byteLength: zpBytes, bytes: () => get().zeroPoints as Uint8Array });
    inputs.push(`${name}.q4_zero_point`);
  }
  ctx.g.useDomain('com.microsoft', 1);
  const y = ctx.g.node('MatMulNBits', inputs, { K: int(K), N: int(N), bits: int(4), block_size: int(Q4_BLOCK_SIZE) }, { domain: 'com.microsoft', prefix: module });
  return bias ? ctx.g.node('Add', [y, bias], {}, { prefix: module }) : y;
}
