import type { AltCLIPTextConfig } from '@altclip/config';
import { Tensor, type TextTower, type TextTowerInputs, type TextTowerOutput, type TowerRunOptions, type TowerWeights } from '@altclip/core';
import { WebGPUBackendInputError } from '../errors/WebGPUBackendInputError.js';
import type { GpuContext } from '../gpu/GpuContext.js';
import type { GpuTensor, StorageType } from '../gpu/GpuTensor.js';
import type { Plan } from '../gpu/Plan.js';
import { PlanBuilder } from '../gpu/PlanBuilder.js';
import { collectReadback, encodeReadback } from '../gpu/readback.js';
import type { Activation } from '../kernels/activation/Activation.js';
import { recordAttention } from '../kernels/attention/attentionKernel.js';
import { recordEmbeddingGather } from '../kernels/embeddingGather/embeddingGatherKernel.js';
import { recordLayerNorm } from '../kernels/layerNorm/layerNormKernel.js';
import { recordMatmul } from '../kernels/matmul/matmulKernel.js';
import { integerInput } from './integerInput.js';
import { PlanCache } from './PlanCache.js';
import { uploadInput } from './uploadInput.js';
import { towerActivation } from './towerActivation.js';
import { WeightUploader } from './WeightUploader.js';

interface LayerNormWeights {
  weight: GpuTensor;
  bias: GpuTensor;
}

interface TextLayerWeights {
  qkv: GpuTensor;
  qkvBias: GpuTensor;
  attentionOut: GpuTensor;
  attentionOutBias: GpuTensor;
  attentionNorm: LayerNormWeights;
  intermediate: GpuTensor;
  intermediateBias: GpuTensor;
  output: GpuTensor;
  outputBias: GpuTensor;
  outputNorm: LayerNormWeights;
}

interface TextPlan {
  plan: Plan;
  inputIds: GpuTensor;
  tokenTypeIds: GpuTensor;
  positionIds: GpuTensor;
  mask: GpuTensor;
  lastHiddenState: GpuTensor;
  embeds?: GpuTensor;
  hiddenStates: GpuTensor[];
  attentions: GpuTensor[];
}

/** AltCLIP's XLM-R text tower: post-LN RoBERTa layers, pre_LN, transformation, text_projection. */
export class WebGPUTextTower implements TextTower {
  readonly #context: GpuContext;
  readonly #config: AltCLIPTextConfig;
  readonly #storage: StorageType;
  readonly #activation: Activation;
  readonly #uploader: WeightUploader;
  readonly #plans = new PlanCache<TextPlan>();
  readonly #onDispose: () => void;
  #word!: GpuTensor;
  #position!: GpuTensor;
  #tokenType!: GpuTensor;
  #embeddingNorm!: LayerNormWeights;
  #layers: TextLayerWeights[] = [];
  #preNorm!: LayerNormWeights;
  #transformation!: GpuTensor;
  #transformationBias!: GpuTensor;
  #projection?: GpuTensor;
  #disposed = false;

  private constructor(context: GpuContext, config: AltCLIPTextConfig, weights: TowerWeights, storage: StorageType, onDispose: () => void) {
    this.#context = context;
    this.#config = config;
    this.#storage = storage;
    this.#onDispose = onDispose;
    const activation = towerActivation('text', config);
    if (config.position_embedding_type !== undefined && config.position_embedding_type !== 'absolute') {
      throw new WebGPUBackendInputError(
        `text config position_embedding_type "${config.position_embedding_type}" is not supported; expected "absolute"`,
      );
    }
    this.#activation = activation;
    this.#uploader = new WeightUploader(context, weights, storage, 'text tower');
  }

  static async load(
    context: GpuContext,
    config: AltCLIPTextConfig,
    weights: TowerWeights,
    storage: StorageType,
    onDispose: () => void,
  ): Promise<WebGPUTextTower> {
    const tower = new WebGPUTextTower(context, config, weights, storage, onDispose);
    try {
      await context.guard('uploading the text tower weights', () => tower.#upload());
    } catch (error) {
      tower.#uploader.destroy();
      throw error;
    }
    return tower;
  }

  #upload(): void {
    const c = this.#config;
    const u = this.#uploader;
    const H = c.hidden_size;
    const norm = (prefix: string): LayerNormWeights => ({
      weight: u.upload(`${prefix}.weight`, [H]),
      bias: u.upload(`${prefix}.bias`, [H]),
    });
    this.#word = u.upload('roberta.embeddings.word_embeddings.weight', [c.vocab_size, H]);
    this.#position = u.upload('roberta.embeddings.position_embeddings.weight', [c.max_position_embeddings, H]);
    this.#tokenType = u.upload('roberta.embeddings.token_type_embeddings.weight', [c.type_vocab_size, H]);
    this.#embeddingNorm = norm('roberta.embeddings.LayerNorm');
    for (let l = 0; l < c.num_hidden_layers; l++) {
      const p = `roberta.encoder.layer.${l}`;
      const qkvNames = ['query', 'key', 'value'].map((n) => `${p}.attention.self.${n}`);
      this.#layers.push({
        qkv: u.uploadConcatenated(qkvNames.map((n) => `${n}.weight`), [H, H]),
        qkvBias: u.uploadConcatenated(qkvNames.map((n) => `${n}.bias`), [H]),
        attentionOut: u.upload(`${p}.attention.output.dense.weight`, [H, H]),
        attentionOutBias: u.upload(`${p}.attention.output.dense.bias`, [H]),
        attentionNorm: norm(`${p}.attention.output.LayerNorm`),
        intermediate: u.upload(`${p}.intermediate.dense.weight`, [c.intermediate_size, H]),
        intermediateBias: u.upload(`${p}.intermediate.dense.bias`, [c.intermediate_size]),
        output: u.upload(`${p}.output.dense.weight`, [H, c.intermediate_size]),
        outputBias: u.upload(`${p}.output.dense.bias`, [H]),
        outputNorm: norm(`${p}.output.LayerNorm`),
      });
    }
    this.#preNorm = norm('pre_LN');
    this.#transformation = u.upload('transformation.weight', [c.project_dim, H]);
    this.#transformationBias = u.upload('transformation.bias', [c.project_dim]);
    // The projection width (projection_dim) lives in the top-level config: any row count is accepted.
    if (u.has('text_projection.weight')) this.#projection = u.upload('text_projection.weight', [-1, c.project_dim]);
  }

  async run(inputs: TextTowerInputs, options: TowerRunOptions = {}): Promise<TextTowerOutput> {
    if (this.#disposed) throw new WebGPUBackendInputError('text tower: run() after dispose()');
    const c = this.#config;
    const { inputIds } = inputs;
    if (inputIds.dims.length !== 2) {
      throw new WebGPUBackendInputError(`inputIds has shape [${inputIds.dims.join(', ')}]; expected [batch, seq]`);
    }
    const [B, L] = inputIds.dims;
    for (const [name, tensor] of Object.entries({
      positionIds: inputs.positionIds,
      tokenTypeIds: inputs.tokenTypeIds,
      additiveMask: inputs.additiveMask,
    })) {
      if (tensor.dims.length !== 2 || tensor.dims[0] !== B || tensor.dims[1] !== L) {
        throw new WebGPUBackendInputError(`${name} has shape [${tensor.dims.join(', ')}]; expected [${B}, ${L}] like inputIds`);
      }
    }
    if (inputs.additiveMask.dtype !== 'float32') {
      throw new WebGPUBackendInputError(`additiveMask has dtype ${inputs.additiveMask.dtype}; expected float32`);
    }
    const ids = integerInput(inputIds, 'inputIds', c.vocab_size, 'the word embeddings (vocab_size)');
    const positions = integerInput(inputs.positionIds, 'positionIds', c.max_position_embeddings, 'the position embeddings (max_position_embeddings)');
    const types = integerInput(inputs.tokenTypeIds, 'tokenTypeIds', c.type_vocab_size, 'the token type embeddings (type_vocab_size)');
    const wantHidden = options.outputHiddenStates === true;
    const wantAttentions = options.outputAttentions === true;
    if (B * L === 0) throw new WebGPUBackendInputError(`inputIds has shape [${B}, ${L}]; expected at least one token`);

    const context = this.#context;
    const pending = await context.guard('running the text tower', () => {
      const entry = this.#plans.get(`${B}x${L}:${wantHidden}:${wantAttentions}`, () => this.#record(B, L, wantHidden, wantAttentions));
      uploadInput(context, entry.inputIds, ids);
      uploadInput(context, entry.positionIds, positions);
      uploadInput(context, entry.tokenTypeIds, types);
      uploadInput(context, entry.mask, inputs.additiveMask.data as Float32Array);
      const encoder = context.device.createCommandEncoder({ label: 'text tower' });
      entry.plan.encode(encoder);
      const outputs = [entry.lastHiddenState, ...(entry.embeds ? [entry.embeds] : []), ...entry.hiddenStates, ...entry.attentions];
      const readback = encodeReadback(context, encoder, outputs);
      context.device.queue.submit([encoder.finish()]);
      return { readback, hasEmbeds: entry.embeds !== undefined, hidden: entry.hiddenStates.length };
    });
    const values = await collectReadback(context, pending.readback);
    const D = c.project_dim;
    const lastHiddenState = values.shift()!;
    const pooled = new Float32Array(B * D);
    for (let b = 0; b < B; b++) pooled.set(lastHiddenState.subarray(b * L * D, b * L * D + D), b * D);
    const output: TextTowerOutput = {
      lastHiddenState: new Tensor('float32', lastHiddenState, [B, L, D]),
      poolerOutput: new Tensor('float32', pooled, [B, D]),
    };
    if (pending.hasEmbeds) {
      const embeds = values.shift()!;
      output.embeds = new Tensor('float32', embeds, [B, embeds.length / B]);
    }
    if (wantHidden) output.hiddenStates = values.splice(0, pending.hidden).map((v) => new Tensor('float32', v, [B, L, c.hidden_size]));
    if (wantAttentions) output.attentions = values.map((v) => new Tensor('float32', v, [B, c.num_attention_heads, L, L]));
    return output;
  }

  #record(B: number, L: number, wantHidden: boolean, wantAttentions: boolean): TextPlan {
    const c = this.#config;
    const storage = this.#storage;
    const b = new PlanBuilder(this.#context);
    const inputIds = b.tensor([B, L], 'i32', 'inputIds');
    const tokenTypeIds = b.tensor([B, L], 'i32', 'tokenTypeIds');
    const positionIds = b.tensor([B, L], 'i32', 'positionIds');
    const mask = b.tensor([B, L], 'f32', 'additiveMask');
    const hiddenStates: GpuTensor[] = [];
    const attentions: GpuTensor[] = [];
    const keep = (t: GpuTensor) => {
      if (wantHidden) hiddenStates.push(t);
    };
    const drop = (t: GpuTensor) => {
      if (!hiddenStates.includes(t)) b.release(t);
    };
    const eps = c.layer_norm_eps;

    const summed = recordEmbeddingGather(b, {
      inputIds,
      tokenTypeIds,
      positionIds,
      wordEmbeddings: this.#word,
      tokenTypeEmbeddings: this.#tokenType,
      positionEmbeddings: this.#position,
      storage,
    });
    let x = recordLayerNorm(b, { x: summed, ...this.#embeddingNorm, eps, storage }, 'embeddings.LayerNorm');
    b.release(summed);
    keep(x);
    const scale = 1 / Math.sqrt(c.hidden_size / c.num_attention_heads);
    this.#layers.forEach((layer, l) => {
      const qkv = recordMatmul(b, { a: x, weight: layer.qkv, bias: layer.qkvBias, storage }, `layer${l}.qkv`);
      const attention = recordAttention(
        b,
        { qkv, batch: B, seqLength: L, heads: c.num_attention_heads, mask, scale, storage, writeProbabilities: wantAttentions },
        `layer${l}.attention`,
      );
      b.release(qkv);
      if (attention.probabilities) attentions.push(attention.probabilities);
      const attended = recordMatmul(
        b,
        { a: attention.context, weight: layer.attentionOut, bias: layer.attentionOutBias, residual: x, storage },
        `layer${l}.attention.output`,
      );
      b.release(attention.context);
      drop(x);
      const a = recordLayerNorm(b, { x: attended, ...layer.attentionNorm, eps, storage }, `layer${l}.attention.LayerNorm`);
      b.release(attended);
      const inner = recordMatmul(
        b,
        { a, weight: layer.intermediate, bias: layer.intermediateBias, activation: this.#activation, storage },
        `layer${l}.intermediate`,
      );
      const out = recordMatmul(b, { a: inner, weight: layer.output, bias: layer.outputBias, residual: a, storage }, `layer${l}.output`);
      b.release(inner, a);
      x = recordLayerNorm(b, { x: out, ...layer.outputNorm, eps, storage }, `layer${l}.output.LayerNorm`);
      b.release(out);
      keep(x);
    });
    const pre = recordLayerNorm(b, { x, ...this.#preNorm, eps, storage }, 'pre_LN');
    drop(x);
    const lastHiddenState = recordMatmul(b, { a: pre, weight: this.#transformation, bias: this.#transformationBias, storage }, 'transformation');
    b.release(pre);
    // pooler_output is token 0 of each sequence: the projection reads every L-th row.
    const embeds = this.#projection
      ? recordMatmul(b, { a: lastHiddenState, weight: this.#projection, rows: B, lda: L * c.project_dim, storage }, 'text_projection')
      : undefined;
    return { plan: b.finish(), inputIds, tokenTypeIds, positionIds, mask, lastHiddenState, embeds, hiddenStates, attentions };
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#plans.clear();
    this.#uploader.destroy();
    this.#onDispose();
  }
}
