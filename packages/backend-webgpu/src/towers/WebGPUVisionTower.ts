import type { AltCLIPVisionConfig } from '@altclip/config';
import {
  Tensor,
  type TowerRunOptions,
  type TowerWeights,
  type VisionTower,
  type VisionTowerInputs,
  type VisionTowerOutput,
} from '@altclip/core';
import { WebGPUBackendInputError } from '../errors/WebGPUBackendInputError.js';
import type { GpuContext } from '../gpu/GpuContext.js';
import type { GpuTensor, StorageType } from '../gpu/GpuTensor.js';
import type { Plan } from '../gpu/Plan.js';
import { PlanBuilder } from '../gpu/PlanBuilder.js';
import { collectReadback, encodeReadback } from '../gpu/readback.js';
import type { Activation } from '../kernels/activation/Activation.js';
import { recordAttention } from '../kernels/attention/attentionKernel.js';
import { recordLayerNorm } from '../kernels/layerNorm/layerNormKernel.js';
import { recordMatmul } from '../kernels/matmul/matmulKernel.js';
import { recordPatchEmbedding } from '../kernels/patchEmbedding/patchEmbeddingKernel.js';
import { PlanCache } from './PlanCache.js';
import { uploadInput } from './uploadInput.js';
import { towerActivation } from './towerActivation.js';
import { WeightUploader } from './WeightUploader.js';

interface LayerNormWeights {
  weight: GpuTensor;
  bias: GpuTensor;
}

interface VisionLayerWeights {
  norm1: LayerNormWeights;
  qkv: GpuTensor;
  qkvBias: GpuTensor;
  out: GpuTensor;
  outBias: GpuTensor;
  norm2: LayerNormWeights;
  fc1: GpuTensor;
  fc1Bias: GpuTensor;
  fc2: GpuTensor;
  fc2Bias: GpuTensor;
}

interface VisionPlan {
  plan: Plan;
  pixels: GpuTensor;
  /** Input buffer for an interpolated position embedding, when the run brings one. */
  positionEmbedding?: GpuTensor;
  lastHiddenState: GpuTensor;
  pooled: GpuTensor;
  embeds?: GpuTensor;
  hiddenStates: GpuTensor[];
  attentions: GpuTensor[];
}

/** CLIP's ViT: patch embedding, pre_layrnorm, pre-LN layers, post_layernorm on CLS, visual_projection. */
export class WebGPUVisionTower implements VisionTower {
  readonly #context: GpuContext;
  readonly #config: AltCLIPVisionConfig;
  readonly #storage: StorageType;
  readonly #activation: Activation;
  readonly #uploader: WeightUploader;
  readonly #plans = new PlanCache<VisionPlan>();
  readonly #onDispose: () => void;
  #patchWeight!: GpuTensor;
  #classEmbedding!: GpuTensor;
  #positionEmbedding!: GpuTensor;
  #preNorm!: LayerNormWeights;
  #layers: VisionLayerWeights[] = [];
  #postNorm!: LayerNormWeights;
  #projection?: GpuTensor;
  #disposed = false;

  private constructor(context: GpuContext, config: AltCLIPVisionConfig, weights: TowerWeights, storage: StorageType, onDispose: () => void) {
    this.#context = context;
    this.#config = config;
    this.#storage = storage;
    this.#onDispose = onDispose;
    const activation = towerActivation('vision', config);
    this.#activation = activation;
    this.#uploader = new WeightUploader(context, weights, storage, 'vision tower');
  }

  static async load(
    context: GpuContext,
    config: AltCLIPVisionConfig,
    weights: TowerWeights,
    storage: StorageType,
    onDispose: () => void,
  ): Promise<WebGPUVisionTower> {
    const tower = new WebGPUVisionTower(context, config, weights, storage, onDispose);
    try {
      await context.guard('uploading the vision tower weights', () => tower.#upload());
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
    const grid = Math.floor(c.image_size / c.patch_size);
    this.#patchWeight = u.upload('embeddings.patch_embedding.weight', [H, c.num_channels, c.patch_size, c.patch_size]);
    this.#classEmbedding = u.upload('embeddings.class_embedding', [H]);
    this.#positionEmbedding = u.upload('embeddings.position_embedding.weight', [1 + grid * grid, H]);
    this.#preNorm = norm('pre_layrnorm');
    for (let l = 0; l < c.num_hidden_layers; l++) {
      const p = `encoder.layers.${l}`;
      const qkvNames = ['q_proj', 'k_proj', 'v_proj'].map((n) => `${p}.self_attn.${n}`);
      this.#layers.push({
        norm1: norm(`${p}.layer_norm1`),
        qkv: u.uploadConcatenated(qkvNames.map((n) => `${n}.weight`), [H, H]),
        qkvBias: u.uploadConcatenated(qkvNames.map((n) => `${n}.bias`), [H]),
        out: u.upload(`${p}.self_attn.out_proj.weight`, [H, H]),
        outBias: u.upload(`${p}.self_attn.out_proj.bias`, [H]),
        norm2: norm(`${p}.layer_norm2`),
        fc1: u.upload(`${p}.mlp.fc1.weight`, [c.intermediate_size, H]),
        fc1Bias: u.upload(`${p}.mlp.fc1.bias`, [c.intermediate_size]),
        fc2: u.upload(`${p}.mlp.fc2.weight`, [H, c.intermediate_size]),
        fc2Bias: u.upload(`${p}.mlp.fc2.bias`, [H]),
      });
    }
    this.#postNorm = norm('post_layernorm');
    // The projection width (projection_dim) lives in the top-level config: any row count is accepted.
    if (u.has('visual_projection.weight')) this.#projection = u.upload('visual_projection.weight', [-1, H]);
  }

  async run(inputs: VisionTowerInputs, options: TowerRunOptions = {}): Promise<VisionTowerOutput> {
    if (this.#disposed) throw new WebGPUBackendInputError('vision tower: run() after dispose()');
    const c = this.#config;
    const { pixelValues, positionEmbedding } = inputs;
    if (pixelValues.dtype !== 'float32' || pixelValues.dims.length !== 4 || pixelValues.dims[1] !== c.num_channels) {
      throw new WebGPUBackendInputError(
        `pixelValues is ${pixelValues.dtype} [${pixelValues.dims.join(', ')}]; expected float32 [batch, ${c.num_channels}, height, width]`,
      );
    }
    const [B, , height, width] = pixelValues.dims;
    const tokens = 1 + Math.floor(height / c.patch_size) * Math.floor(width / c.patch_size);
    if (B === 0 || tokens === 1) {
      throw new WebGPUBackendInputError(
        `pixelValues has shape [${pixelValues.dims.join(', ')}]; expected a non-empty batch of images at least ${c.patch_size} pixels high and wide`,
      );
    }
    if (positionEmbedding) {
      const [rows, cols] = positionEmbedding.dims;
      if (positionEmbedding.dims.length !== 2 || rows !== tokens || cols !== c.hidden_size || positionEmbedding.dtype !== 'float32') {
        throw new WebGPUBackendInputError(
          `positionEmbedding is ${positionEmbedding.dtype} [${positionEmbedding.dims.join(', ')}]; expected float32 [${tokens}, ${c.hidden_size}] for ${height}×${width} pixels`,
        );
      }
    } else if (tokens !== this.#positionEmbedding.dims[0]) {
      throw new WebGPUBackendInputError(
        `pixelValues ${height}×${width} give ${tokens - 1} patches but the position embedding has ${this.#positionEmbedding.dims[0] - 1}; pass an interpolated positionEmbedding (core does with interpolatePosEncoding)`,
      );
    }
    const wantHidden = options.outputHiddenStates === true;
    const wantAttentions = options.outputAttentions === true;

    const context = this.#context;
    const key = `${B}x${height}x${width}:${positionEmbedding !== undefined}:${wantHidden}:${wantAttentions}`;
    const pending = await context.guard('running the vision tower', () => {
      const entry = this.#plans.get(key, () =>
        this.#record([B, c.num_channels, height, width], positionEmbedding !== undefined, wantHidden, wantAttentions),
      );
      uploadInput(context, entry.pixels, pixelValues.data as Float32Array);
      if (entry.positionEmbedding && positionEmbedding) uploadInput(context, entry.positionEmbedding, positionEmbedding.data as Float32Array);
      const encoder = context.device.createCommandEncoder({ label: 'vision tower' });
      entry.plan.encode(encoder);
      const outputs = [entry.lastHiddenState, entry.pooled, ...(entry.embeds ? [entry.embeds] : []), ...entry.hiddenStates, ...entry.attentions];
      const readback = encodeReadback(context, encoder, outputs);
      context.device.queue.submit([encoder.finish()]);
      return { readback, hasEmbeds: entry.embeds !== undefined, hidden: entry.hiddenStates.length };
    });
    const values = await collectReadback(context, pending.readback);
    const H = c.hidden_size;
    const output: VisionTowerOutput = {
      lastHiddenState: new Tensor('float32', values.shift()!, [B, tokens, H]),
      poolerOutput: new Tensor('float32', values.shift()!, [B, H]),
    };
    if (pending.hasEmbeds) {
      const embeds = values.shift()!;
      output.embeds = new Tensor('float32', embeds, [B, embeds.length / B]);
    }
    if (wantHidden) output.hiddenStates = values.splice(0, pending.hidden).map((v) => new Tensor('float32', v, [B, tokens, H]));
    if (wantAttentions) output.attentions = values.map((v) => new Tensor('float32', v, [B, c.num_attention_heads, tokens, tokens]));
    return output;
  }

  #record(pixelDims: readonly number[], customPositions: boolean, wantHidden: boolean, wantAttentions: boolean): VisionPlan {
    const c = this.#config;
    const storage = this.#storage;
    const H = c.hidden_size;
    const [B, , height, width] = pixelDims;
    const tokens = 1 + Math.floor(height / c.patch_size) * Math.floor(width / c.patch_size);
    const b = new PlanBuilder(this.#context);
    const pixels = b.tensor(pixelDims, storage, 'pixelValues');
    const positionEmbedding = customPositions ? b.tensor([tokens, H], storage, 'positionEmbedding') : undefined;
    const hiddenStates: GpuTensor[] = [];
    const attentions: GpuTensor[] = [];
    const keep = (t: GpuTensor) => {
      if (wantHidden) hiddenStates.push(t);
    };
    const drop = (t: GpuTensor) => {
      if (!hiddenStates.includes(t)) b.release(t);
    };
    const eps = c.layer_norm_eps;

    const embedded = recordPatchEmbedding(b, {
      pixels,
      weight: this.#patchWeight,
      classEmbedding: this.#classEmbedding,
      positionEmbedding: positionEmbedding ?? this.#positionEmbedding,
      storage,
    });
    let x = recordLayerNorm(b, { x: embedded, ...this.#preNorm, eps, storage }, 'pre_layrnorm');
    b.release(embedded);
    keep(x);
    const scale = (H / c.num_attention_heads) ** -0.5;
    this.#layers.forEach((layer, l) => {
      const n1 = recordLayerNorm(b, { x, ...layer.norm1, eps, storage }, `layer${l}.layer_norm1`);
      const qkv = recordMatmul(b, { a: n1, weight: layer.qkv, bias: layer.qkvBias, storage }, `layer${l}.qkv`);
      b.release(n1);
      const attention = recordAttention(
        b,
        { qkv, batch: B, seqLength: tokens, heads: c.num_attention_heads, scale, storage, writeProbabilities: wantAttentions },
        `layer${l}.attention`,
      );
      b.release(qkv);
      if (attention.probabilities) attentions.push(attention.probabilities);
      const h1 = recordMatmul(b, { a: attention.context, weight: layer.out, bias: layer.outBias, residual: x, storage }, `layer${l}.out_proj`);
      b.release(attention.context);
      drop(x);
      const n2 = recordLayerNorm(b, { x: h1, ...layer.norm2, eps, storage }, `layer${l}.layer_norm2`);
      const inner = recordMatmul(b, { a: n2, weight: layer.fc1, bias: layer.fc1Bias, activation: this.#activation, storage }, `layer${l}.fc1`);
      b.release(n2);
      x = recordMatmul(b, { a: inner, weight: layer.fc2, bias: layer.fc2Bias, residual: h1, storage }, `layer${l}.fc2`);
      b.release(inner, h1);
      keep(x);
    });
    const lastHiddenState = x;
    const pooled = recordLayerNorm(b, { x, ...this.#postNorm, eps, storage, rows: B, inStride: tokens * H }, 'post_layernorm');
    const embeds = this.#projection ? recordMatmul(b, { a: pooled, weight: this.#projection, storage }, 'visual_projection') : undefined;
    return { plan: b.finish(), pixels, positionEmbedding, lastHiddenState, pooled, embeds, hiddenStates, attentions };
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#plans.clear();
    this.#uploader.destroy();
    this.#onDispose();
  }
}
