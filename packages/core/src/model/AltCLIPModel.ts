import { AltCLIPConfig } from '@altclip/config';
import { type ModelSource, resolveModelFiles } from '@altclip/hub';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { InputValidationError } from '../errors/InputValidationError.js';
import { loadCheckpoint } from '../loading/loadCheckpoint.js';
import { loadModelConfig } from '../loading/loadConfig.js';
import { type SavePretrainedOptions, type StateDictSource, savePretrainedModel } from '../saving/savePretrainedModel.js';
import { contrastiveLoss } from '../semantics/contrastiveLoss.js';
import { l2Normalize } from '../semantics/l2Normalize.js';
import { similarityLogits } from '../semantics/similarityLogits.js';
import type { IdsLike } from '../semantics/tensorInputs.js';
import type { Tensor, TensorLike } from '../tensor/Tensor.js';
import { toFloat32 } from '../tensor/toFloat32.js';
import { checkConfigAgainstCheckpoint } from '../weights/checkConfigAgainstCheckpoint.js';
import { initializeParameters } from '../weights/initializeParameters.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { altclipParameters } from '../weights/ModelParameters.js';
import { modelParameterSpecs } from '../weights/ParameterSpec.js';
import { towerWeights } from '../weights/matchStateDict.js';
import { checkModelSize } from '../weights/parameterBudget.js';
import type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions } from './ModelOptions.js';
import type { AltCLIPOutput } from './outputs.js';
import { DisposeGuard } from './DisposeGuard.js';
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

/** HF's `AltCLIPModel`: both towers, the projections and the contrastive head. */
export class AltCLIPModel {
  readonly config: AltCLIPConfig;
  readonly backend: AltCLIPBackend;
  /** The learned temperature (logits are scaled by exp(logitScale)). */
  readonly logitScale: number;
  readonly loadReport: LoadReport;
  readonly #text: TextTowerSession;
  readonly #vision: VisionTowerSession;
  readonly #guard = new DisposeGuard('AltCLIPModel');
  #source: StateDictSource | undefined;

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
    const config = await loadModelConfig(files);
    const parameters = altclipParameters(config);
    const checkpoint = await loadCheckpoint(files, { ...options, onShapes: (shapes) => checkConfigAgainstCheckpoint(parameters, shapes, files.name, options) });
    const model = await AltCLIPModel.fromWeights(config, checkpoint.tensors, { checkpointName: files.name, ...options });
    const quiet = { ...options, onWarning: () => {} };
    model.#source = {
      name: typeof source === 'string' ? source : files.name,
      read: async () => matchAndReport(parameters, (await loadCheckpoint(files, quiet)).tensors, quiet).weights,
    };
    return model;
  }

  /** Random weights with HF's initialisation scheme (seeded), like `AltCLIPModel(config)`. */
  static async fromConfig(config: AltCLIPConfig | Record<string, unknown>, options: FromConfigOptions = {}): Promise<AltCLIPModel> {
    const cfg = config instanceof AltCLIPConfig ? config : AltCLIPConfig.fromDict(config);
    const parameters = altclipParameters(cfg);
    checkModelSize(parameters, options.maxParameterBytes);
    const weights = initializeParameters(parameters.specs(), options.seed ?? 0);
    const model = await AltCLIPModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, options);
    model.#source = { name: '', read: async () => initializeParameters(parameters.specs(), options.seed ?? 0) };
    return model;
  }

  /** From a state_dict in HF names (a full AltCLIP checkpoint, or a text-tower one with the rest initialised). */
  static async fromWeights(config: AltCLIPConfig, stateDict: ReadonlyMap<string, Tensor>, options: FromWeightsOptions = {}): Promise<AltCLIPModel> {
    const { weights, report } = matchAndReport(altclipParameters(config), stateDict, options);
    return AltCLIPModel.#build(config, weights, report, options);
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

  forward(inputs: AltCLIPForwardInputs): Promise<AltCLIPOutput> {
    return this.#guard.run('forward', () => this.#forward(inputs));
  }

  async #forward(inputs: AltCLIPForwardInputs): Promise<AltCLIPOutput> {
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
  getTextFeatures(inputs: TextFeatureInputs): Promise<Tensor<'float32'>> {
    return this.#guard.run('getTextFeatures', async () => (await this.#text.run(inputs)).embeds!);
  }

  /** `visual_projection(pooler_output)`, not normalised (HF's get_image_features). */
  getImageFeatures(inputs: ImageFeatureInputs): Promise<Tensor<'float32'>> {
    return this.#guard.run('getImageFeatures', async () => (await this.#vision.run(inputs)).embeds!);
  }

  /**
   * HF's `save_pretrained(dir)` with safetensors (Node): `config.json` as HF writes it and the weights under HF's
   * state_dict names (float32), sharded with HF's `model.safetensors.index.json` above `maxShardSize` (default
   * '5GB'), so that HF's `AltCLIPModel.from_pretrained(dir)` loads it with no missing or unexpected keys. The weights
   * are read again from the files the model was loaded from (or re-drawn from `fromConfig`'s seed), so those must
   * still exist; a model built by `fromWeights` has no such source: pass its `stateDict` here (see core's README,
   * "Saving"). Answers the paths. It needs no backend, so it works after `dispose()` too.
   */
  async savePretrained(dir: string, options: SavePretrainedOptions = {}): Promise<string[]> {
    const specs = modelParameterSpecs(this.config);
    return savePretrainedModel(dir, { modelClass: 'AltCLIPModel', kind: 'full', config: this.config, specs, source: this.#source, firstNames: ['logit_scale'] }, options);
  }

  /**
   * Frees both towers' backend resources. Later calls fail with ModelDisposedError, and so do calls still in
   * flight (the towers are freed once they have settled); disposing twice is a no-op.
   */
  dispose(): Promise<void> {
    return this.#guard.dispose(async () => {
      await Promise.all([this.#text.dispose(), this.#vision.dispose()]);
    });
  }
}
