import type { BuildContext } from './BuildContext.js';
import { int, ints, float } from './Attribute.js';
import { linear } from './linear.js';
import { floatWeight, transpose2d } from './weightInitializer.js';

export interface AttentionSpec {
  readonly query: string;
  readonly key: string;
  readonly value: string;
  readonly output: string;
  readonly hidden: number;
  readonly heads: number;
  /** Additive mask broadcastable to [batch, heads, queries, keys], or undefined. */
  readonly mask?: string;
  /** The same mask expanded to [batch, 1, queries, keys], which contrib MultiHeadAttention needs. */
  readonly fullMask?: string;
  /** int32 [batch, keys], 1 = attended, for com.microsoft.Attention. */
  readonly maskIndex?: string;
}

export interface AttentionResult {
  readonly output: string;
  /** [batch, heads, queries, keys] softmax probabilities (standard attention only). */
  readonly probabilities?: string;
}

/**
 * Multi-head self-attention including the output projection. The 1/√head_dim scale
 * is folded into the query projection, as CLIP does (RoBERTa scales the scores
 * instead; the two agree to float32 rounding).
 */
export function selfAttention(ctx: BuildContext, x: string, spec: AttentionSpec): AttentionResult {
  const { g } = ctx;
  const headDim = spec.hidden / spec.heads;
  const scale = headDim ** -0.5;
  if (ctx.options.attention === 'fused' && !ctx.options.allOutputs && ctx.options.dtype !== 'int8' && ctx.options.dtype !== 'q4') {
    return { output: fusedAttention(ctx, x, spec, scale) };
  }
  const proj = (module: string, s?: number) => linear(ctx, x, { module, inFeatures: spec.hidden, outFeatures: spec.hidden, bias: true, scale: s });
  const q = proj(spec.query, scale);
  const k = proj(spec.key);
  const v = proj(spec.value);
  let context: string;
  let probabilities: string | undefined;
  if (ctx.options.attention === 'contrib' && !ctx.options.allOutputs) {
    g.useDomain('com.microsoft', 1);
    context = g.node('MultiHeadAttention', [q, k, v, '', '', spec.fullMask ?? ''], { num_heads: int(spec.heads), scale: float(1) }, { domain: 'com.microsoft', prefix: `${spec.query}/mha` });
  } else {
    const split = g.int64s('heads_shape', [0, 0, spec.heads, headDim]);
    const qh = g.node('Transpose', [g.node('Reshape', [q, split])], { perm: ints([0, 2, 1, 3]) });
    const kh = g.node('Transpose', [g.node('Reshape', [k, split])], { perm: ints([0, 2, 3, 1]) });
    const vh = g.node('Transpose', [g.node('Reshape', [v, split])], { perm: ints([0, 2, 1, 3]) });
    let scores = g.node('MatMul', [qh, kh], {}, { prefix: `${spec.query}/scores` });
    if (spec.mask) scores = g.node('Add', [scores, spec.mask]);
    probabilities = g.node('Softmax', [scores], { axis: int(-1) }, { prefix: `${spec.query}/probs` });
    const ctxh = g.node('MatMul', [probabilities, vh]);
    context = g.node('Reshape', [g.node('Transpose', [ctxh], { perm: ints([0, 2, 1, 3]) }), g.int64s('merge_shape', [0, 0, spec.hidden])]);
  }
  const output = linear(ctx, context, { module: spec.output, inFeatures: spec.hidden, outFeatures: spec.hidden, bias: true });
  return { output, probabilities };
}

/** com.microsoft.Attention: one [hidden, 3·hidden] matmul for Q, K and V, ORT's fused CPU kernel. */
function fusedAttention(ctx: BuildContext, x: string, spec: AttentionSpec, scale: number): string {
  const H = spec.hidden;
  const modules = [spec.query, spec.key, spec.value];
  for (const m of modules) {
    ctx.weights.tensor(`${m}.weight`, [H, H]);
    ctx.weights.tensor(`${m}.bias`, [H]);
  }
  const packed = floatWeight(ctx, `${spec.query}.qkv_packed`, [H, 3 * H], () => {
    const out = new Float32Array(H * 3 * H);
    for (const [j, m] of modules.entries()) {
      const w = transpose2d(ctx.weights.float32(`${m}.weight`, [H, H]), H, H, j === 0 ? scale : 1);
      for (let r = 0; r < H; r++) out.set(w.subarray(r * H, (r + 1) * H), r * 3 * H + j * H);
    }
    return out;
  }, ctx.options.dtype === 'fp16');
  const bias = floatWeight(ctx, `${spec.query}.qkv_bias`, [3 * H], () => {
    const out = new Float32Array(3 * H);
    for (const [j, m] of modules.entries()) out.set(ctx.weights.float32(`${m}.bias`, [H]).map((v) => (j === 0 ? v * scale : v)), j * H);
    return out;
  });
  ctx.g.useDomain('com.microsoft', 1);
  const context = ctx.g.node('Attention', [x, packed, bias, ...(spec.maskIndex ? [spec.maskIndex] : [])], { num_heads: int(spec.heads), scale: float(1) }, { domain: 'com.microsoft', prefix: `${spec.query}/fused` });
  return linear(ctx, context, { module: spec.output, inFeatures: H, outFeatures: H, bias: true });
}
