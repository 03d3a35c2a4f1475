import { AltCLIPConfig } from '@altclip/config';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { InputValidationError } from '../errors/InputValidationError.js';
import { type ExportedModel, exportedExtra, openExportedModel, prepareExportedBackend, towerArtifact } from '../exported/openExportedModel.js';
import { loadCheckpoint } from '../loading/loadCheckpoint.js';
import { loadModelConfig } from '../loading/loadConfig.js';
import { type ModelSource, resolveModelFiles } from '../loading/resolveModelFiles.js';
import { contrastiveLoss } from '../semantics/contrastiveLoss.js';
import { l2Normalize } from '../semantics/l2Normalize.js';
import { similarityLogits } from '../semantics/similarityLogits.js';
import type { IdsLike } from '../semantics/tensorInputs.js';
import type { Tensor, TensorLike } from '../tensor/Tensor.js';
import { toFloat32 } from '../tensor/toFloat32.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { modelParameterSpecs } from '../weights/ParameterSpec.js';
import { initializeParameters } from '../weights/initializeParameters.js';
import { towerWeights } from '../weights/matchStateDict.js';
import type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions } from './ModelOptions.js';
import type { AltCLIPOutput } from './outputs.js';
import { prepareBackend } from './prepareBackend.js';
import { matchAndReport } from './reportLoad.js';
import { TextTowerSession } from './TextTowerSession.js';
import { towerOutput } from './towerOutput.js';
import { VisionTowerSession } from './VisionTowerSession.js';

export interface AltCLIPForwardInputs {
  inputIds: IdsLike;
  pixelValues: Tensor | TensorLike;
  attentionMask?: IdsLike;
  positionIds?: IdsLike;
  tokenTypeIds?: IdsLike;
  returnLoss?: boolean;
  outputAttentions?: boolean;
  outputHiddenStates?: boolean;
  interpolatePosEncoding?: boolean;
}

export interface TextFeatureInputs {
  inputIds: IdsLike;
  attentionMask?: IdsLike;
  positionIds?: IdsLike;
  tokenTypeIds?: IdsLike;
}

export interface ImageFeatureInputs {
  pixelValues: Tensor | TensorLike;
  interpolatePosEncoding?: boolean;
}

const MODEL_CLASS = 'AltCLIPModel';

/** HF's `AltCLIPModel`: both towers, the projections and the contrastive head. */
export class AltCLIPModel {
  readonly config: AltCLIPConfig;
  readonly backend: AltCLIPBackend;
  /** The learned temperature (logits are scaled by exp(logitScale)). */
  readonly logitScale: number;
  readonly loadReport: LoadReport;
  readonly #text: TextTowerSession;
  readonly #vision: VisionTowerSession;

  private constructor(config: AltCLIPConfig, backend: AltCLIPBackend, text: TextTowerSession, vision: VisionTowerSession, logitScale: number, report: LoadReport) {
    this.config = config;
    this.backend = backend;
    this.#text = text;
    this.#vision = vision;
    this.logitScale = logitScale;
    this.loadReport = report;
  }

  /** Loads config.json and weights from a local directory (Node), a Hub repo id or a `ModelFiles`. */
  static async fromPretrained(source: ModelSource, options: FromPretrainedOptions = {}): Promise<AltCLIPModel> {
    const files = await resolveModelFiles(source, options);
    const exported = await openExportedModel(files);
    if (exported) return AltCLIPModel.#fromExported(exported, options);
    const config = await loadModelConfig(files);
    const checkpoint = await loadCheckpoint(files, options);
    return AltCLIPModel.fromWeights(config, checkpoint.tensors, { checkpointName: files.name, ...options });
  }

  /** Random weights with HF's initialisation scheme (seeded), like `AltCLIPModel(config)`. */
  static async fromConfig(config: AltCLIPConfig | Record<string, unknown>, options: FromConfigOptions = {}): Promise<AltCLIPModel> {
    const cfg = config instanceof AltCLIPConfig ? config : AltCLIPConfig.fromDict(config);
    const weights = initializeParameters(modelParameterSpecs(cfg), options.seed ?? 0);
    return AltCLIPModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, options);
  }

  /** From a state_dict in HF names (a full AltCLIP checkpoint, or a text-tower one with the rest initialised). */
  static async fromWeights(config: AltCLIPConfig, stateDict: ReadonlyMap<string, Tensor>, options: FromWeightsOptions = {}): Promise<AltCLIPModel> {
    const { weights, report } = matchAndReport(MODEL_CLASS, modelParameterSpecs(config), stateDict, 'full', options);
    return AltCLIPModel.#build(config, weights, report, options);
  }

  /** An exported folder (altclip_export.json): the backend opens its graphs; no checkpoint, nothing built. */
  static async #fromExported(exported: ExportedModel, options: FromPretrainedOptions): Promise<AltCLIPModel> {
    const config = await loadModelConfig(exported.files);
    const { backend, loadOptions } = await prepareExportedBackend(exported, ['text', 'vision'], options);
    const logitScale = toFloat32(exportedExtra(exported, 'logit_scale')).data[0];
    const positionEmbedding = exportedExtra(exported, 'vision_model.embeddings.position_embedding.weight');
    const textTower = await backend.loadExportedTextTower!(config.text_config, towerArtifact(exported, 'text'), loadOptions);
    try {
      const visionTower = await backend.loadExportedVisionTower!(config.vision_config, towerArtifact(exported, 'vision'), loadOptions);
      const text = new TextTowerSession(config.text_config, textTower);
      const vision = new VisionTowerSession(config.vision_config, visionTower, positionEmbedding);
      return new AltCLIPModel(config, backend, text, vision, logitScale, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    } catch (error) {
      await textTower.dispose();
      throw error;
    }
  }

  static async #build(config: AltCLIPConfig, weights: Map<string, Tensor>, report: LoadReport, options: FromConfigOptions): Promise<AltCLIPModel> {
    const { backend, loadOptions } = await prepareBackend(options);
    const textTower = await backend.loadTextTower(config.text_config, towerWeights(weights, 'text'), loadOptions);
    try {
      const visionTower = await backend.loadVisionTower(config.vision_config, towerWeights(weights, 'vision'), loadOptions);
      const logitScale = toFloat32(weights.get('logit_scale')!).data[0];
      const text = new TextTowerSession(config.text_config, textTower);
      const vision = new VisionTowerSession(config.vision_config, visionTower, weights.get('vision_model.embeddings.position_embedding.weight')!);
      return new AltCLIPModel(config, backend, text, vision, logitScale, report);
    } catch (error) {
      await textTower.dispose();
      throw error;
    }
  }

  async forward(inputs: AltCLIPForwardInputs): Promise<AltCLIPOutput> {
    const flags = { outputAttentions: inputs.outputAttentions, outputHiddenStates: inputs.outputHiddenStates };
    const textOut = await this.#text.run({ ...inputs, ...flags });
    const visionOut = await this.#vision.run({ ...inputs, ...flags });
    if (!textOut.embeds || !visionOut.embeds) throw new InputValidationError(`backend '${this.backend.name}' returned no projected embeddings`);
    const textEmbeds = l2Normalize(textOut.embeds);
    const imageEmbeds = l2Normalize(visionOut.embeds);
    const { logitsPerText, logitsPerImage } = similarityLogits(textEmbeds, imageEmbeds, this.logitScale);
    return {
      ...(inputs.returnLoss ? { loss: contrastiveLoss(logitsPerText) } : {}),
      logitsPerImage,
      logitsPerText,
      textEmbeds,
      imageEmbeds,
      textModelOutput: towerOutput(textOut),
      visionModelOutput: towerOutput(visionOut),
    };
  }

  /** `text_projection(pooler_output)`, not normalised (HF's get_text_features). */
  async getTextFeatures(inputs: TextFeatureInputs): Promise<Tensor<'float32'>> {
    const out = await this.#text.run(inputs);
    return out.embeds!;
  }

  /** `visual_projection(pooler_output)`, not normalised (HF's get_image_features). */
  async getImageFeatures(inputs: ImageFeatureInputs): Promise<Tensor<'float32'>> {
    const out = await this.#vision.run(inputs);
    return out.embeds!;
  }

  async dispose(): Promise<void> {
    await Promise.all([this.#text.dispose(), this.#vision.dispose()]);
  }
}
