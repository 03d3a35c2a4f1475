import { OnnxDataType } from '../proto/OnnxDataType.js';
import type { WeightReader } from '../weights/WeightReader.js';
import { int, ints } from './Attribute.js';
import { activation } from './activation.js';
import { selfAttention } from './attention.js';
import type { BuildContext } from './BuildContext.js';
import { GraphBuilder } from './GraphBuilder.js';
import { layerNorm } from './layerNorm.js';
import { linear } from './linear.js';
import { VISION_INPUTS, VISION_OUTPUTS } from './towerNames.js';
import type { TowerBuildOptions } from './TowerBuildOptions.js';
import { floatWeight } from './weightInitializer.js';

/** The vision-config fields the graph depends on (HF snake_case, as AltCLIPVisionConfig exposes them). */
export interface VisionGraphConfig {
  readonly hidden_size: number;
  readonly num_hidden_layers: number;
  readonly num_attention_heads: number;
  readonly intermediate_size: number;
  readonly hidden_act: string;
  readonly layer_norm_eps: number;
  readonly num_channels: number;
  readonly patch_size: number;
}

/**
 * AltCLIPVisionModel: patch Conv (no bias), class token, position embeddings (a graph
 * input, so that core can pass an interpolated table for other image sizes),
 * `pre_layrnorm`, pre-LN CLIP layers, `post_layernorm` on the class token and
 * `visual_projection` when present.
 */
export function buildVisionTowerGraph(config: VisionGraphConfig, weights: WeightReader, options: TowerBuildOptions): GraphBuilder {
  const g = new GraphBuilder('altclip_vision_model');
  if (options.compute === 'float16') g.floatType = OnnxDataType.FLOAT16;
  const ctx: BuildContext = { g, weights, options };
  const H = config.hidden_size;
  const P = config.patch_size;
  const C = config.num_channels;
  const eps = config.layer_norm_eps;

  const pixels = g.floatInput(VISION_INPUTS.pixelValues, ['batch', C, 'height', 'width']);
  const positionEmbedding = g.floatInput(VISION_INPUTS.positionEmbedding, ['tokens', H]);

  const patchName = 'embeddings.patch_embedding.weight';
  weights.tensor(patchName, [H, C, P, P]);
  const kernel = floatWeight(ctx, patchName, [H, C, P, P], () => weights.float32(patchName, [H, C, P, P]), options.dtype === 'fp16');
  const conv = g.node('Conv', [pixels, kernel], { kernel_shape: ints([P, P]), strides: ints([P, P]) }, { prefix: 'embeddings.patch_embedding' });
  const patches = g.node('Transpose', [g.node('Reshape', [conv, g.int64s('flatten', [0, 0, -1])])], { perm: ints([0, 2, 1]) });

  weights.tensor('embeddings.class_embedding', [H]);
  const cls = floatWeight(ctx, 'embeddings.class_embedding', [1, 1, H], () => weights.float32('embeddings.class_embedding', [H]));
  const batch = g.node('Shape', [pixels], { start: int(0), end: int(1) });
  const clsShape = g.node('Concat', [batch, g.int64s('one_hidden', [1, H])], { axis: int(0) });
  const clsTokens = g.node('Expand', [cls, clsShape], {}, { prefix: 'embeddings.class_tokens' });
  const embeddings = g.node('Add', [g.node('Concat', [clsTokens, patches], { axis: int(1) }), positionEmbedding], {}, { prefix: 'embeddings' });

  let hidden = layerNorm(ctx, embeddings, 'pre_layrnorm', H, eps);
  const hiddenStates = [hidden];
  const attentions: string[] = [];
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const p = `encoder.layers.${i}`;
    const attention = selfAttention(ctx, layerNorm(ctx, hidden, `${p}.layer_norm1`, H, eps), {
      query: `${p}.self_attn.q_proj`,
      key: `${p}.self_attn.k_proj`,
      value: `${p}.self_attn.v_proj`,
      output: `${p}.self_attn.out_proj`,
      hidden: H,
      heads: config.num_attention_heads,
    });
    if (attention.probabilities) attentions.push(attention.probabilities);
    const residual = g.node('Add', [hidden, attention.output]);
    const normed = layerNorm(ctx, residual, `${p}.layer_norm2`, H, eps);
    const inter = activation(g, linear(ctx, normed, { module: `${p}.mlp.fc1`, inFeatures: H, outFeatures: config.intermediate_size, bias: true }), config.hidden_act, `${p}.mlp`);
    const out = linear(ctx, inter, { module: `${p}.mlp.fc2`, inFeatures: config.intermediate_size, outFeatures: H, bias: true });
    hidden = g.node('Add', [residual, out], {}, { prefix: p });
    hiddenStates.push(hidden);
  }

  const clsToken = g.node('Gather', [hidden, g.constant('token0', OnnxDataType.INT64, [], [0])], { axis: int(1) }, { prefix: 'cls' });
  const pooled = layerNorm(ctx, clsToken, 'post_layernorm', H, eps);
  g.floatOutput(VISION_OUTPUTS.lastHiddenState, hidden, ['batch', 'tokens', H]);
  g.floatOutput(VISION_OUTPUTS.poolerOutput, pooled, ['batch', H]);
  if (weights.has('visual_projection.weight')) {
    const projectionDim = weights.dimsOf('visual_projection.weight')[0];
    const embeds = linear(ctx, pooled, { module: 'visual_projection', inFeatures: H, outFeatures: projectionDim, bias: false });
    g.floatOutput(VISION_OUTPUTS.embeds, embeds, ['batch', projectionDim]);
  }
  if (options.allOutputs) {
    for (const [k, h] of hiddenStates.entries()) g.floatOutput(`${VISION_OUTPUTS.hiddenStatePrefix}${k}`, h, ['batch', 'tokens', H]);
    for (const [k, a] of attentions.entries()) g.floatOutput(`${VISION_OUTPUTS.attentionPrefix}${k}`, a, ['batch', config.num_attention_heads, 'tokens', 'tokens']);
  }
  return g;
}
