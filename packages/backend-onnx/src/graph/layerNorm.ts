import type { BuildContext } from './BuildContext.js';
import { float, int } from './Attribute.js';
import { floatWeight } from './weightInitializer.js';

/** LayerNormalization (opset 17) over the last axis with the module's weight and bias, always float32. */
export function layerNorm(ctx: BuildContext, x: string, module: string, size: number, eps: number): string {
  const weight = floatWeight(ctx, `${module}.weight`, [size], () => ctx.weights.float32(`${module}.weight`, [size]));
  const bias = floatWeight(ctx, `${module}.bias`, [size], () => ctx.weights.float32(`${module}.bias`, [size]));
  ctx.weights.tensor(`${module}.weight`, [size]);
  ctx.weights.tensor(`${module}.bias`, [size]);
  return ctx.g.node('LayerNormalization', [x, weight, bias], { axis: int(-1), epsilon: float(eps) }, { prefix: module });
}
