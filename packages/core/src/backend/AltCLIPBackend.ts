import type { AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import type { Tensor } from '../tensor/Tensor.js';
import type { Int8Scheme } from './Int8Scheme.js';
import type { TowerArtifact } from './TowerArtifact.js';

/**
 * The backend contract, version 1. A backend computes the two towers and nothing
 * else: tokenisation, position ids, the additive mask, position-embedding
 * interpolation, normalisation, logits and loss live in core, once.
 * Bump the version on any breaking change so that core can refuse a backend
 * written against another one instead of failing deep inside a forward pass.
 */
export const BACKEND_SPECIFICATION_VERSION = 'v1' as const;

/** Weight precision a backend can be asked to compute in. */
/** `q4`: 4-bit block-wise Linear weights (declared as `capabilities.q4`). */
export type WeightDType = 'fp32' | 'fp16' | 'int8' | 'q4';

export type BackendEnvironment = 'node' | 'browser' | 'worker';

export interface BackendCapabilities {
  /** Weight dtypes `loadTextTower`/`loadVisionTower` accept. */
  readonly dtypes: readonly WeightDType[];
  /** Float precision of the arithmetic for fp32 weights ('float64' only for the reference backend). */
  readonly precision: 'float64' | 'float32' | 'float16';
  readonly hiddenStates: boolean;
  readonly attentions: boolean;
  readonly environments: readonly BackendEnvironment[];
  /** Where `dtype: 'int8'` rounds; required when `dtypes` lists int8, so that its error can be bounded. */
  readonly int8?: Int8Scheme;
  /** Where `dtype: 'q4'` rounds (4-bit block-wise weights); required when `dtypes` lists q4. */
  readonly q4?: Int8Scheme;
  /**
   * Exported artifact formats this backend opens through `loadExportedTextTower` /
   * `loadExportedVisionTower`, as `<format>/<version>` (e.g. `onnx/1`). Contract v1, revision
   * "exported artifacts": additive — a backend without it still loads checkpoints; core refuses an
   * exported folder whose format the backend does not list, naming both.
   */
  readonly artifacts?: readonly string[];
}

/**
 * A tower's weights in Hugging Face state_dict names with the tower prefix removed
 * (`text_model.` or `vision_model.`), e.g. `roberta.encoder.layer.0.attention.self.query.weight`,
 * `pre_LN.weight`, `transformation.bias`, or `embeddings.patch_embedding.weight`,
 * `pre_layrnorm.weight`, `encoder.layers.0.self_attn.q_proj.weight`.
 * The projection keeps its top-level name: `text_projection.weight` / `visual_projection.weight`;
 * it is absent for a bare tower model, and then no embeddings are returned.
 * Linear weights are [out, in] as in PyTorch. Tensors are float32 unless the checkpoint
 * stores another float dtype (a backend converts what it needs).
 */
export type TowerWeights = ReadonlyMap<string, Tensor>;

export interface TowerLoadOptions {
  dtype?: WeightDType;
  /** Forwarded backend-specific options (session options, thread counts, …). */
  [option: string]: unknown;
}

export interface TowerRunOptions {
  outputHiddenStates?: boolean;
  outputAttentions?: boolean;
}

export interface TextTowerInputs {
  /** int64 or int32 [batch, seq]; already validated by core. */
  inputIds: Tensor<'int64'> | Tensor<'int32'>;
  /** int64 or int32 [batch, seq], computed by core from the mask when the user gave none. */
  positionIds: Tensor<'int64'> | Tensor<'int32'>;
  /** int64 or int32 [batch, seq]. */
  tokenTypeIds: Tensor<'int64'> | Tensor<'int32'>;
  /** float32 [batch, seq]: 0 for attended tokens, float32 min for masked keys; broadcast over heads and queries. */
  additiveMask: Tensor<'float32'>;
}

export interface VisionTowerInputs {
  /** float32 [batch, channels, height, width]. */
  pixelValues: Tensor<'float32'>;
  /**
   * float32 [1 + gridH·gridW, hidden]: replaces `embeddings.position_embedding.weight`
   * when core interpolated it for another image size.
   */
  positionEmbedding?: Tensor<'float32'>;
}

export interface TextTowerOutput {
  /** [batch, seq, project_dim]: `transformation(pre_LN(roberta last hidden))`. */
  lastHiddenState: Tensor<'float32'>;
  /** [batch, project_dim]: row 0 of lastHiddenState. */
  poolerOutput: Tensor<'float32'>;
  /** [batch, projection_dim]: `text_projection(poolerOutput)`, unnormalised; absent without the projection weight. */
  embeds?: Tensor<'float32'>;
  /** num_hidden_layers + 1 tensors [batch, seq, hidden]: embeddings output, then each layer. */
  hiddenStates?: Tensor<'float32'>[];
  /** num_hidden_layers tensors [batch, heads, seq, seq]. */
  attentions?: Tensor<'float32'>[];
}

export interface VisionTowerOutput {
  /** [batch, 1 + patches, hidden]: encoder output, before post_layernorm. */
  lastHiddenState: Tensor<'float32'>;
  /** [batch, hidden]: post_layernorm of the class token. */
  poolerOutput: Tensor<'float32'>;
  /** [batch, projection_dim]: `visual_projection(poolerOutput)`, unnormalised. */
  embeds?: Tensor<'float32'>;
  /** num_hidden_layers + 1 tensors [batch, 1 + patches, hidden]: after pre_layrnorm, then each layer. */
  hiddenStates?: Tensor<'float32'>[];
  /** num_hidden_layers tensors [batch, heads, tokens, tokens]. */
  attentions?: Tensor<'float32'>[];
}

export interface TextTower {
  run(inputs: TextTowerInputs, options?: TowerRunOptions): Promise<TextTowerOutput>;
  dispose(): Promise<void>;
}

export interface VisionTower {
  run(inputs: VisionTowerInputs, options?: TowerRunOptions): Promise<VisionTowerOutput>;
  dispose(): Promise<void>;
}

export interface AltCLIPBackend {
  readonly specificationVersion: typeof BACKEND_SPECIFICATION_VERSION;
  /** Stable identifier, e.g. 'onnx-node', 'onnx-web', 'tfjs', 'webgpu', 'reference'. */
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  /** Acquire the runtime (load wasm, request an adapter). Called once, lazily, by core. */
  init?(): Promise<void>;
  loadTextTower(config: AltCLIPTextConfig, weights: TowerWeights, options?: TowerLoadOptions): Promise<TextTower>;
  loadVisionTower(config: AltCLIPVisionConfig, weights: TowerWeights, options?: TowerLoadOptions): Promise<VisionTower>;
  /** A tower from an exported folder (one of `capabilities.artifacts`): nothing is built, no checkpoint is read. */
  loadExportedTextTower?(config: AltCLIPTextConfig, artifact: TowerArtifact, options?: TowerLoadOptions): Promise<TextTower>;
  loadExportedVisionTower?(config: AltCLIPVisionConfig, artifact: TowerArtifact, options?: TowerLoadOptions): Promise<VisionTower>;
  dispose?(): Promise<void>;
}
