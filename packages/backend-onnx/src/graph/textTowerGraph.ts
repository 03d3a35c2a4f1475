import { toFloat16Array } from '@altclip/core';
import { OnnxDataType } from '../proto/OnnxDataType.js';
import { int8Scheme } from '../quantize/int8Scheme.js';
import { q4Scheme } from '../quantize/q4Scheme.js';
import { quantizeInt8 } from '../quantize/quantizeInt8.js';
import type { WeightReader } from '../weights/WeightReader.js';
import { int } from './Attribute.js';
import { activation } from './activation.js';
import { selfAttention } from './attention.js';
import type { BuildContext } from './BuildContext.js';
import { GraphBuilder } from './GraphBuilder.js';
import { int4Embedding } from './int4Embedding.js';
import { layerNorm } from './layerNorm.js';
import { linear } from './linear.js';
import type { TowerBuildOptions } from './TowerBuildOptions.js';
import { TEXT_INPUTS, TEXT_OUTPUTS } from './towerNames.js';
import { floatWeight, rawWeight } from './weightInitializer.js';

/** The text-config fields the graph depends on (HF snake_case, as AltCLIPTextConfig exposes them). */
export interface TextGraphConfig {
  readonly vocab_size: number;
  readonly hidden_size: number;
  readonly num_hidden_layers: number;
  readonly num_attention_heads: number;
  readonly intermediate_size: number;
  readonly hidden_act: string;
  readonly max_position_embeddings: number;
  readonly type_vocab_size: number;
  readonly layer_norm_eps: number;
  readonly project_dim: number;
}

/** An embedding table looked up with Gather; int8 stores the tables its int8Scheme lists per row with one scale a row, q4 in 4-bit blocks. */
function embedding(ctx: BuildContext, ids: string, name: string, rows: number, cols: number): string {
  ctx.weights.tensor(name, [rows, cols]);
  const read = () => ctx.weights.float32(name, [rows, cols]);
  if (ctx.options.dtype === 'q4') {
    const scheme = q4Scheme(ctx.options.q4ZeroPoints === true, ctx.options.q4FloatTables === true);
    if (scheme.embeddingTables.includes(name)) return int4Embedding(ctx, ids, name, rows, cols, read());
  } else if (ctx.options.dtype === 'int8' && int8Scheme(ctx.options.int8Activations).embeddingTables.includes(name)) {
    const q = quantizeInt8(read(), rows, cols, 0);
    const table = rawWeight(ctx, `${name}.int8`, OnnxDataType.INT8, [rows, cols], q.values);
    const scales = rawWeight(ctx, `${name}.scale`, OnnxDataType.FLOAT, [rows, 1], q.scales);
    const values = ctx.g.node('Cast', [ctx.g.node('Gather', [table, ids], { axis: int(0) })], { to: int(OnnxDataType.FLOAT) });
    return ctx.g.node('Mul', [values, ctx.g.node('Gather', [scales, ids], { axis: int(0) })], {}, { prefix: name });
  }
  if (ctx.options.dtype === 'fp16') {
    ctx.g.initializer({
      name,
      dataType: OnnxDataType.FLOAT16,
      dims: [rows, cols],
      byteLength: rows * cols * 2,
      bytes: () => new Uint8Array(toFloat16Array(read()).buffer),
    });
    if (ctx.options.gatherTablesAsFloat32) {
      const table = ctx.g.node('Cast', [name], { to: int(OnnxDataType.FLOAT) }, { prefix: `${name}/fp32` });
      const rowsWide = ctx.g.node('Gather', [table, ids], { axis: int(0) }, { prefix: name });
      return ctx.g.floatType === OnnxDataType.FLOAT16 ? ctx.g.node('Cast', [rowsWide], { to: int(OnnxDataType.FLOAT16) }, { prefix: `${name}/compute` }) : rowsWide;
    }
    // Gather first, widen after: the Cast then only touches the looked-up rows.
    const rowsHalf = ctx.g.node('Gather', [name, ids], { axis: int(0) }, { prefix: name });
    return ctx.g.floatType === OnnxDataType.FLOAT16 ? rowsHalf : ctx.g.node('Cast', [rowsHalf], { to: int(OnnxDataType.FLOAT) }, { prefix: name });
  }
  const table = floatWeight(ctx, name, [rows, cols], read);
  return ctx.g.node('Gather', [table, ids], { axis: int(0) }, { prefix: name });
}

/**
 * AltCLIPTextModel: XLM-R embeddings and post-LN encoder, `pre_LN`, `transformation`
 * on the whole sequence, token 0 as pooler output, and `text_projection` when present.
 */
export function buildTextTowerGraph(config: TextGraphConfig, weights: WeightReader, options: TowerBuildOptions): GraphBuilder {
  const g = new GraphBuilder('altclip_text_model');
  if (options.compute === 'float16') g.floatType = OnnxDataType.FLOAT16;
  const ctx: BuildContext = { g, weights, options };
  const H = config.hidden_size;
  const eps = config.layer_norm_eps;
  const I64 = OnnxDataType.INT64;

  const inputIds = g.input(TEXT_INPUTS.inputIds, I64, ['batch', 'sequence']);
  const positionIds = g.input(TEXT_INPUTS.positionIds, I64, ['batch', 'sequence']);
  const tokenTypeIds = g.input(TEXT_INPUTS.tokenTypeIds, I64, ['batch', 'sequence']);
  const additiveMask = g.floatInput(TEXT_INPUTS.additiveMask, ['batch', 'sequence']);

  const words = embedding(ctx, inputIds, 'roberta.embeddings.word_embeddings.weight', config.vocab_size, H);
  const positions = embedding(ctx, positionIds, 'roberta.embeddings.position_embeddings.weight', config.max_position_embeddings, H);
  const types = embedding(ctx, tokenTypeIds, 'roberta.embeddings.token_type_embeddings.weight', config.type_vocab_size, H);
  let hidden = layerNorm(ctx, g.node('Add', [g.node('Add', [words, types]), positions]), 'roberta.embeddings.LayerNorm', H, eps);

  // [batch, 1, 1, keys]: broadcast over heads and queries like HF's extended mask.
  const mask = g.node('Unsqueeze', [additiveMask, g.int64s('mask_axes', [1, 2])], {}, { prefix: 'extended_mask' });
  let fullMask: string | undefined;
  if (options.attention === 'contrib' && !options.allOutputs) {
    const batch = g.node('Shape', [additiveMask], { start: int(0), end: int(1) });
    const seq = g.node('Shape', [additiveMask], { start: int(1), end: int(2) });
    const shape = g.node('Concat', [batch, g.int64s('one', [1]), seq, seq], { axis: int(0) });
    fullMask = g.node('Expand', [mask, shape], {}, { prefix: 'full_mask' });
  }

  let maskIndex: string | undefined;
  if (options.attention === 'fused' && !options.allOutputs && options.dtype !== 'int8' && options.dtype !== 'q4') {
    const attended = g.node('Equal', [additiveMask, g.scalar('zero', 0)]);
    maskIndex = g.node('Cast', [attended], { to: int(OnnxDataType.INT32) }, { prefix: 'mask_index' });
  }
  const hiddenStates = [hidden];
  const attentions: string[] = [];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const p = `roberta.encoder.layer.${i}`;
    const attention = selfAttention(ctx, hidden, {
      query: `${p}.attention.self.query`,
      key: `${p}.attention.self.key`,
      value: `${p}.attention.self.value`,
      output: `${p}.attention.output.dense`,
      hidden: H,
      heads: config.num_attention_heads,
      mask,
      fullMask,
      maskIndex,
    });
    if (attention.probabilities) attentions.push(attention.probabilities);
    const attended = layerNorm(ctx, g.node('Add', [attention.output, hidden]), `${p}.attention.output.LayerNorm`, H, eps);
    const inter = activation(g, linear(ctx, attended, { module: `${p}.intermediate.dense`, inFeatures: H, outFeatures: config.intermediate_size, bias: true }), config.hidden_act, `${p}.intermediate`);
    const out = linear(ctx, inter, { module: `${p}.output.dense`, inFeatures: config.intermediate_size, outFeatures: H, bias: true });
    hidden = layerNorm(ctx, g.node('Add', [out, attended]), `${p}.output.LayerNorm`, H, eps);
    hiddenStates.push(hidden);
  }

  const normed = layerNorm(ctx, hidden, 'pre_LN', H, eps);
  const lastHidden = linear(ctx, normed, { module: 'transformation', inFeatures: H, outFeatures: config.project_dim, bias: true });
  const pooled = g.node('Gather', [lastHidden, g.constant('token0', I64, [], [0])], { axis: int(1) }, { prefix: 'pooler' });
  g.floatOutput(TEXT_OUTPUTS.lastHiddenState, lastHidden, ['batch', 'sequence', config.project_dim]);
  g.floatOutput(TEXT_OUTPUTS.poolerOutput, pooled, ['batch', config.project_dim]);
  if (weights.has('text_projection.weight')) {
    // projection_dim lives in the top-level config, so it is read off the weight.
    const projectionDim = weights.dimsOf('text_projection.weight')[0];
    const embeds = linear(ctx, pooled, { module: 'text_projection', inFeatures: config.project_dim, outFeatures: projectionDim, bias: false });
    g.floatOutput(TEXT_OUTPUTS.embeds, embeds, ['batch', projectionDim]);
  }
  if (options.allOutputs) {
    for (const [k, h] of hiddenStates.entries()) g.floatOutput(`${TEXT_OUTPUTS.hiddenStatePrefix}${k}`, h, ['batch', 'sequence', H]);
    for (const [k, a] of attentions.entries()) g.floatOutput(`${TEXT_OUTPUTS.attentionPrefix}${k}`, a, ['batch', config.num_attention_heads, 'sequence', 'sequence']);
  }
  return g;
}
