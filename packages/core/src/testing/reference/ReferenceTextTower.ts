import type { AltCLIPTextConfig } from '@altclip/config';
import type { TextTower, TextTowerInputs, TextTowerOutput, TowerRunOptions, TowerWeights } from '../../backend/AltCLIPBackend.js';
import { Tensor } from '../../tensor/Tensor.js';
import { activation } from './activations.js';
import { add, attention, type LinearOp, layerNorm, linear, map } from './ops.js';
import { ReferenceWeights } from './ReferenceWeights.js';

const f32 = (data: Float64Array, dims: number[]) => new Tensor('float32', Float32Array.from(data), dims);

/** AltCLIP's text tower in float64: XLM-R (post-LN BERT layers), pre_LN, transformation, projection. */
export class ReferenceTextTower implements TextTower {
  readonly #w: ReferenceWeights;

  constructor(
    private readonly config: AltCLIPTextConfig,
    weights: TowerWeights,
    private readonly linearOp: LinearOp = linear,
  ) {
    this.#w = new ReferenceWeights(weights, 'text');
  }

  async run(inputs: TextTowerInputs, options: TowerRunOptions = {}): Promise<TextTowerOutput> {
    const { config } = this;
    const w = this.#w;
    const [batch, seq] = inputs.inputIds.dims;
    const rows = batch * seq;
    const h = config.hidden_size;
    const heads = config.num_attention_heads;
    const eps = config.layer_norm_eps;
    const act = activation(config.hidden_act);
    const word = w.get('roberta.embeddings.word_embeddings.weight');
    const position = w.get('roberta.embeddings.position_embeddings.weight');
    const tokenType = w.get('roberta.embeddings.token_type_embeddings.weight');
    let x: Float64Array = new Float64Array(rows * h);
    for (let r = 0; r < rows; r++) {
      const id = Number(inputs.inputIds.data[r]);
      const pos = Number(inputs.positionIds.data[r]);
      const tt = Number(inputs.tokenTypeIds.data[r]);
      for (let i = 0; i < h; i++) x[r * h + i] = word[id * h + i] + tokenType[tt * h + i] + position[pos * h + i];
    }
    x = layerNorm(x, rows, h, w.get('roberta.embeddings.LayerNorm.weight'), w.get('roberta.embeddings.LayerNorm.bias'), eps);
    const hiddenStates = [f32(x, [batch, seq, h])];
    const attentions: Tensor<'float32'>[] = [];
    for (let l = 0; l < config.num_hidden_layers; l++) {
      const p = `roberta.encoder.layer.${l}`;
      const lin = (name: string, input: Float64Array, inDim: number, outDim: number) =>
        this.linearOp(input, rows, inDim, w.get(`${p}.${name}.weight`), w.get(`${p}.${name}.bias`), outDim);
      const q = lin('attention.self.query', x, h, h);
      const k = lin('attention.self.key', x, h, h);
      const v = lin('attention.self.value', x, h, h);
      const { context, probs } = attention(q, k, v, batch, seq, heads, h / heads, inputs.additiveMask.data);
      const attended = layerNorm(add(lin('attention.output.dense', context, h, h), x), rows, h, w.get(`${p}.attention.output.LayerNorm.weight`), w.get(`${p}.attention.output.LayerNorm.bias`), eps);
      const inter = map(lin('intermediate.dense', attended, h, config.intermediate_size), act);
      x = layerNorm(add(lin('output.dense', inter, config.intermediate_size, h), attended), rows, h, w.get(`${p}.output.LayerNorm.weight`), w.get(`${p}.output.LayerNorm.bias`), eps);
      hiddenStates.push(f32(x, [batch, seq, h]));
      attentions.push(f32(probs, [batch, heads, seq, seq]));
    }
    const normed = layerNorm(x, rows, h, w.get('pre_LN.weight'), w.get('pre_LN.bias'), eps);
    const d = config.project_dim;
    const projected = this.linearOp(normed, rows, h, w.get('transformation.weight'), w.get('transformation.bias'), d);
    const pooled = new Float64Array(batch * d);
    for (let b = 0; b < batch; b++) pooled.set(projected.subarray(b * seq * d, b * seq * d + d), b * d);
    const out: TextTowerOutput = { lastHiddenState: f32(projected, [batch, seq, d]), poolerOutput: f32(pooled, [batch, d]) };
    if (w.has('text_projection.weight')) {
      const projectionDim = w.get('text_projection.weight').length / d;
      Object.assign(out, { embeds: f32(this.linearOp(pooled, batch, d, w.get('text_projection.weight'), undefined, projectionDim), [batch, projectionDim]) });
    }
    if (options.outputHiddenStates) Object.assign(out, { hiddenStates });
    if (options.outputAttentions) Object.assign(out, { attentions });
    return out;
  }

  async dispose(): Promise<void> {}
}
