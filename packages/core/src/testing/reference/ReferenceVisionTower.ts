import type { AltCLIPVisionConfig } from '@altclip/config';
import type { TowerRunOptions, TowerWeights, VisionTower, VisionTowerInputs, VisionTowerOutput } from '../../backend/AltCLIPBackend.js';
import { Tensor } from '../../tensor/Tensor.js';
import { activation } from './activations.js';
import { add, attention, type LinearOp, layerNorm, linear, map } from './ops.js';
import { ReferenceWeights } from './ReferenceWeights.js';

const f32 = (data: Float64Array, dims: number[]) => new Tensor('float32', Float32Array.from(data), dims);

/** AltCLIP's CLIP ViT in float64: patch conv, class token, pre-LN layers, post_layernorm on CLS, projection. */
export class ReferenceVisionTower implements VisionTower {
  readonly #w: ReferenceWeights;

  constructor(
    private readonly config: AltCLIPVisionConfig,
    weights: TowerWeights,
    private readonly linearOp: LinearOp = linear,
  ) {
    this.#w = new ReferenceWeights(weights, 'vision');
  }

  async run(inputs: VisionTowerInputs, options: TowerRunOptions = {}): Promise<VisionTowerOutput> {
    const { config } = this;
    const w = this.#w;
    const [batch, channels, height, width] = inputs.pixelValues.dims;
    const pixels = inputs.pixelValues.data;
    const ps = config.patch_size;
    const h = config.hidden_size;
    const gridH = Math.floor(height / ps);
    const gridW = Math.floor(width / ps);
    const tokens = 1 + gridH * gridW;
    const rows = batch * tokens;
    const eps = config.layer_norm_eps;
    const act = activation(config.hidden_act);
    const kernel = w.get('embeddings.patch_embedding.weight');
    const classEmbedding = w.get('embeddings.class_embedding');
    const position = inputs.positionEmbedding ? Float64Array.from(inputs.positionEmbedding.data) : w.get('embeddings.position_embedding.weight');
    if (position.length !== tokens * h) throw new Error(`reference vision tower: ${tokens} tokens but the position table has ${position.length / h} rows`);
    let x: Float64Array = new Float64Array(rows * h);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < h; i++) x[b * tokens * h + i] = classEmbedding[i] + position[i];
      for (let gy = 0; gy < gridH; gy++) {
        for (let gx = 0; gx < gridW; gx++) {
          const t = 1 + gy * gridW + gx;
          for (let o = 0; o < h; o++) {
            let acc = 0;
            for (let c = 0; c < channels; c++) {
              for (let ky = 0; ky < ps; ky++) {
                for (let kx = 0; kx < ps; kx++) {
                  acc += kernel[((o * channels + c) * ps + ky) * ps + kx] * pixels[((b * channels + c) * height + gy * ps + ky) * width + gx * ps + kx];
                }
              }
            }
            x[(b * tokens + t) * h + o] = acc + position[t * h + o];
          }
        }
      }
    }
    x = layerNorm(x, rows, h, w.get('pre_layrnorm.weight'), w.get('pre_layrnorm.bias'), eps);
    const hiddenStates = [f32(x, [batch, tokens, h])];
    const attentions: Tensor<'float32'>[] = [];
    const heads = config.num_attention_heads;
    for (let l = 0; l < config.num_hidden_layers; l++) {
      const p = `encoder.layers.${l}`;
      const lin = (name: string, input: Float64Array, inDim: number, outDim: number) =>
        this.linearOp(input, rows, inDim, w.get(`${p}.${name}.weight`), w.get(`${p}.${name}.bias`), outDim);
      const normed = layerNorm(x, rows, h, w.get(`${p}.layer_norm1.weight`), w.get(`${p}.layer_norm1.bias`), eps);
      const { context, probs } = attention(
        lin('self_attn.q_proj', normed, h, h),
        lin('self_attn.k_proj', normed, h, h),
        lin('self_attn.v_proj', normed, h, h),
        batch,
        tokens,
        heads,
        h / heads,
      );
      x = add(x, lin('self_attn.out_proj', context, h, h));
      const normed2 = layerNorm(x, rows, h, w.get(`${p}.layer_norm2.weight`), w.get(`${p}.layer_norm2.bias`), eps);
      x = add(x, lin('mlp.fc2', map(lin('mlp.fc1', normed2, h, config.intermediate_size), act), config.intermediate_size, h));
      hiddenStates.push(f32(x, [batch, tokens, h]));
      attentions.push(f32(probs, [batch, heads, tokens, tokens]));
    }
    const cls = new Float64Array(batch * h);
    for (let b = 0; b < batch; b++) cls.set(x.subarray(b * tokens * h, b * tokens * h + h), b * h);
    const pooled = layerNorm(cls, batch, h, w.get('post_layernorm.weight'), w.get('post_layernorm.bias'), eps);
    const out: VisionTowerOutput = { lastHiddenState: f32(x, [batch, tokens, h]), poolerOutput: f32(pooled, [batch, h]) };
    if (w.has('visual_projection.weight')) {
      const projectionDim = w.get('visual_projection.weight').length / h;
      Object.assign(out, { embeds: f32(this.linearOp(pooled, batch, h, w.get('visual_projection.weight'), undefined, projectionDim), [batch, projectionDim]) });
    }
    if (options.outputHiddenStates) Object.assign(out, { hiddenStates });
    if (options.outputAttentions) Object.assign(out, { attentions });
    return out;
  }

  async dispose(): Promise<void> {}
}
