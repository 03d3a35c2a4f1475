import { OnnxDataType } from '../proto/OnnxDataType.js';
import { quantizeInt8 } from '../quantize/quantizeInt8.js';
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
  if (ctx.options.dtype === 'int8') {
    const q = quantizeInt8(transpose2d(read(), outFeatures, inFeatures, scale), inFeatures, outFeatures, 1);
    const wq = rawWeight(ctx, `${weightName}.int8`, OnnxDataType.INT8, [inFeatures, outFeatures], q.values);
    const ws = rawWeight(ctx, `${weightName}.scale`, OnnxDataType.FLOAT, [outFeatures], q.scales);
    ctx.g.useDomain('com.microsoft', 1);
    return ctx.g.node('DynamicQuantizeMatMul', [x, wq, ws, '', ...(bias ? [bias] : [])], {}, { domain: 'com.microsoft', prefix: module });
  }
  const w = floatWeight(ctx, `${weightName}.T`, [inFeatures, outFeatures], () => transpose2d(read(), outFeatures, inFeatures, scale), ctx.options.dtype === 'fp16');
  const y = ctx.g.node('MatMul', [x, w], {}, { prefix: `${module}/MatMul` });
  return bias ? ctx.g.node('Add', [y, bias], {}, { prefix: module }) : y;
}
