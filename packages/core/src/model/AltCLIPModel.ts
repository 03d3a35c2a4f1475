import { AltCLIPConfig } from '@altclip/config';
import { type ModelSource, resolveModelFiles } from '@altclip/hub';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { InputValidationError } from '../errors/InputValidationError.js';
import { TowerNotLoadedError } from '../errors/TowerNotLoadedError.js';
import { type ExportedModel, exportedExtra, openExportedModel, prepareExportedBackend, towerArtifact } from '../exported/openExportedModel.js';
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
import { towerWeights } from '../weights/matchStateDict.js';
import { modelParameterSpecs } from '../weights/ParameterSpec.js';
import { checkModelSize } from '../weights/parameterBudget.js';
import type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions } from './ModelOptions.js';
import { checkInputKeys, FORWARD_INPUT_KEYS, IMAGE_INPUT_KEYS, TEXT_INPUT_KEYS } from './checkInputKeys.js';
import { checkLoadOptions } from './checkLoadOptions.js';
import { configOutputFlags } from './configOutputFlags.js';
import { DisposeGuard } from './DisposeGuard.js';
import type { AltCLIPOutput, AltCLIPTextModelOutput, AltCLIPVisionModelOutput } from './outputs.js';
import { prepareBackend } from './prepareBackend.js';
import { matchAndReport } from './reportLoad.js';
import { TextTowerSession } from './TextTowerSession.js';
import { belongsToTowers, selectTowers, type TowerName, type TowerOptions, towerParameters } from './TowerSelection.js';
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
  outputAttentions?: boolean;
  outputHiddenStates?: boolean;
}

export interface ImageFeatureInputs {
  pixelValues: Tensor | TensorLike;
  interpolatePosEncoding?: boolean;
  outputAttentions?: boolean;
  outputHiddenStates?: boolean;
}

/** `getTextFeatures`' projection together with the text tower output it pools (one tower pass). */
export interface TextEncoding {
  /** [batch, projection_dim], not normalised (HF's get_text_features). */
  readonly features: Tensor<'float32'>;
  /** What HF's `model.text_model(...)` returns for the same inputs. */
  readonly textModelOutput: AltCLIPTextModelOutput;
}

/** `getImageFeatures`' projection together with the vision tower output it pools (one tower pass). */
export interface ImageEncoding {
  /** [batch, projection_dim], not normalised (HF's get_image_features). */
  readonly features: Tensor<'float32'>;
  /** What HF's `model.vision_model(...)` returns for the same inputs. */
  readonly visionModelOutput: AltCLIPVisionModelOutput;
}

export type AltCLIPModelFromPretrainedOptions = FromPretrainedOptions & TowerOptions;
export type AltCLIPModelFromWeightsOptions = FromWeightsOptions & TowerOptions;
export type AltCLIPModelFromConfigOptions = FromConfigOptions & TowerOptions;

const MODEL_CLASS = 'AltCLIPModel';

/** HF's `AltCLIPModel`: both towers, the projections and the contrastive head. */
export class AltCLIPModel {
  readonly config: AltCLIPConfig;
  readonly backend: AltCLIPBackend;
  /** The learned temperature (logits are scaled by exp(logitScale)). */
  readonly logitScale: number;
  readonly loadReport: LoadReport;
  /** The towers this model holds (both unless loaded with `towers`). */
  readonly towers: readonly TowerName[];
  readonly #text: TextTowerSession | null;
  readonly #vision: VisionTowerSession | null;
  readonly #guard = new DisposeGuard('AltCLIPModel');
  #source: StateDictSource | undefined;

  private constructor(config: AltCLIPConfig, backend: AltCLIPBackend, text: TextTowerSession | null, vision: VisionTowerSession | null, logitScale: number, report: LoadReport) {
    this.config = config;
    this.towers = [...(text ? ['text' as const] : []), ...(vision ? ['vision' as const] : [])];
    this.backend = backend;
    this.#text = text;
    this.#vision = vision;
    this.logitScale = logitScale;
    this.loadReport = report;
  }

  /**
   * Loads config.json and weights from a local directory (Node), a Hub repo id or a `ModelFiles`.
   * `towers: ['text']` (or `['vision']`) reads and loads only that tower and its projection.
   */
  static async fromPretrained(source: ModelSource, options: AltCLIPModelFromPretrainedOptions = {}): Promise<AltCLIPModel> {
    checkLoadOptions(options, ['towers'], 'AltCLIPModel.fromPretrained');
    const towers = selectTowers(options.towers);
    const files = await resolveModelFiles(source, options);
    const exported = await openExportedModel(files);
    if (exported) return AltCLIPModel.#fromExported(exported, towers, options);
    const config = await loadModelConfig(files);
    const parameters = towerParameters(altclipParameters(config), towers);
    // The other tower's tensors are never read (a text-only service never holds the 1.2 GB vision tower), and the
    // config is compared with the checkpoint's declared shapes before any tensor is allocated.
    const checkpoint = await loadCheckpoint(files, {
      ...options,
      filter: (name) => belongsToTowers(name, towers),
      onShapes: (shapes) => checkConfigAgainstCheckpoint(parameters, shapes, files.name, options),
    });
    const model = await AltCLIPModel.fromWeights(config, checkpoint.tensors, { checkpointName: files.name, ...options });
    // savePretrained re-reads the weights; a one-tower model cannot be saved as an AltCLIPModel (see savePretrained).
    if (towers.size === 2) {
      const quiet = { ...options, onWarning: () => {} };
      model.#source = {
        name: typeof source === 'string' ? source : files.name,
        read: async () => matchAndReport(parameters, (await loadCheckpoint(files, quiet)).tensors, quiet).weights,
      };
    }
    return model;
  }

  /** Random weights with HF's initialisation scheme (seeded), like `AltCLIPModel(config)`. */
  static async fromConfig(config: AltCLIPConfig | Record<string, unknown>, options: AltCLIPModelFromConfigOptions = {}): Promise<AltCLIPModel> {
    checkLoadOptions(options, ['towers'], 'AltCLIPModel.fromConfig');
    const towers = selectTowers(options.towers);
    const cfg = config instanceof AltCLIPConfig ? config : AltCLIPConfig.fromDict(config);
    const parameters = towerParameters(altclipParameters(cfg), towers);
    checkModelSize(parameters, options.maxParameterBytes);
    const weights = initializeParameters(parameters.specs(), options.seed ?? 0);
    const model = await AltCLIPModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, towers, options);
    if (towers.size === 2) model.#source = { name: '', read: async () => initializeParameters(modelParameterSpecs(cfg), options.seed ?? 0) };
    return model;
  }

  /**
   * From a state_dict in HF names (a full AltCLIP checkpoint, or a text-tower one with the rest initialised).
   * With `towers`, the other tower's entries are skipped (neither loaded nor reported as unexpected).
   */
  static async fromWeights(config: AltCLIPConfig, stateDict: ReadonlyMap<string, Tensor>, options: AltCLIPModelFromWeightsOptions = {}): Promise<AltCLIPModel> {
    checkLoadOptions(options, ['towers'], 'AltCLIPModel.fromWeights');
    const towers = selectTowers(options.towers);
    const selected = towers.size === 2 ? stateDict : new Map([...stateDict].filter(([name]) => belongsToTowers(name, towers)));
    const { weights, report } = matchAndReport(towerParameters(altclipParameters(config), towers), selected, options);
    return AltCLIPModel.#build(config, weights, report, towers, options);
  }

  /** An exported folder (altclip_export.json): the backend opens its graphs; no checkpoint, nothing built. */
  static async #fromExported(exported: ExportedModel, towers: ReadonlySet<TowerName>, options: FromPretrainedOptions): Promise<AltCLIPModel> {
    const config = await loadModelConfig(exported.files);
    const { backend, loadOptions } = await prepareExportedBackend(exported, [...towers], options);
    const logitScale = toFloat32(exportedExtra(exported, 'logit_scale')).data[0];
    const textTower = towers.has('text') ? await backend.loadExportedTextTower!(config.text_config, towerArtifact(exported, 'text'), loadOptions) : null;
    try {
      const visionTower = towers.has('vision') ? await backend.loadExportedVisionTower!(config.vision_config, towerArtifact(exported, 'vision'), loadOptions) : null;
      const text = textTower && new TextTowerSession(config.text_config, textTower);
      const vision = visionTower && new VisionTowerSession(config.vision_config, visionTower, exportedExtra(exported, 'vision_model.embeddings.position_embedding.weight'));
      return new AltCLIPModel(config, backend, text, vision, logitScale, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    } catch (error) {
      await textTower?.dispose();
      throw error;
    }
  }

  static async #build(config: AltCLIPConfig, weights: Map<string, Tensor>, report: LoadReport, towers: ReadonlySet<TowerName>, options: FromConfigOptions): Promise<AltCLIPModel> {
    const { backend, loadOptions } = await prepareBackend(options);
    const textTower = towers.has('text') ? await backend.loadTextTower(config.text_config, towerWeights(weights, 'text'), loadOptions) : null;
    try {
      const visionTower = towers.has('vision') ? await backend.loadVisionTower(config.vision_config, towerWeights(weights, 'vision'), loadOptions) : null;
      const logitScale = toFloat32(weights.get('logit_scale')!).data[0];
      const text = textTower && new TextTowerSession(config.text_config, textTower);
      const vision = visionTower && new VisionTowerSession(config.vision_config, visionTower, weights.get('vision_model.embeddings.position_embedding.weight')!);
      return new AltCLIPModel(config, backend, text, vision, logitScale, report);
    } catch (error) {
      await textTower?.dispose();
      throw error;
    }
  }

  #textSession(method: string): TextTowerSession {
    if (!this.#text) throw new TowerNotLoadedError(method, 'text');
    return this.#text;
  }

  #visionSession(method: string): VisionTowerSession {
    if (!this.#vision) throw new TowerNotLoadedError(method, 'vision');
    return this.#vision;
  }

  /** HF's forward; `outputAttentions`/`outputHiddenStates` default to config.json's `output_attentions`/`output_hidden_states`, as in HF. */
  forward(inputs: AltCLIPForwardInputs): Promise<AltCLIPOutput> {
    return this.#guard.run('forward', () => this.#forward(inputs));
  }

  async #forward(inputs: AltCLIPForwardInputs): Promise<AltCLIPOutput> {
    checkInputKeys(inputs, FORWARD_INPUT_KEYS, 'AltCLIPModel.forward');
    const textSession = this.#textSession('forward');
    const visionSession = this.#visionSession('forward');
    const flags = configOutputFlags(this.config, inputs);
    const textOut = await textSession.run({ ...inputs, ...flags });
    const visionOut = await visionSession.run({ ...inputs, ...flags });
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
    // The features never depend on these flags; asking for no extras keeps the tower pass lean.
    return (await this.encodeText({ ...inputs, outputAttentions: false, outputHiddenStates: false }, 'getTextFeatures')).features;
  }

  /** `visual_projection(pooler_output)`, not normalised (HF's get_image_features). */
  async getImageFeatures(inputs: ImageFeatureInputs): Promise<Tensor<'float32'>> {
    return (await this.encodeImages({ ...inputs, outputAttentions: false, outputHiddenStates: false }, 'getImageFeatures')).features;
  }

  /** getTextFeatures plus the text tower output it came from, in one pass (pipelines pool either). */
  encodeText(inputs: TextFeatureInputs, method = 'encodeText'): Promise<TextEncoding> {
    return this.#guard.run(method, async () => {
      checkInputKeys(inputs, TEXT_INPUT_KEYS, `AltCLIPModel.${method}`);
      const out = await this.#textSession(method).run({ ...inputs, ...configOutputFlags(this.config, inputs) });
      if (!out.embeds) throw new InputValidationError(`backend '${this.backend.name}' returned no projected text embeddings`);
      return { features: out.embeds, textModelOutput: towerOutput(out) };
    });
  }

  /** getImageFeatures plus the vision tower output it came from, in one pass. */
  encodeImages(inputs: ImageFeatureInputs, method = 'encodeImages'): Promise<ImageEncoding> {
    return this.#guard.run(method, async () => {
      checkInputKeys(inputs, IMAGE_INPUT_KEYS, `AltCLIPModel.${method}`);
      const out = await this.#visionSession(method).run({ ...inputs, ...configOutputFlags(this.config, inputs) });
      if (!out.embeds) throw new InputValidationError(`backend '${this.backend.name}' returned no projected image embeddings`);
      return { features: out.embeds, visionModelOutput: towerOutput(out) };
    });
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
    // HF has no one-tower AltCLIPModel: saving one would write random weights for the missing tower.
    if (this.towers.length < 2) throw new TowerNotLoadedError('savePretrained', this.#text ? 'vision' : 'text');
    const specs = modelParameterSpecs(this.config);
    return savePretrainedModel(dir, { modelClass: MODEL_CLASS, kind: 'full', config: this.config, specs, source: this.#source, firstNames: ['logit_scale'] }, options);
  }

  /**
   * Frees both towers' backend resources. Later calls fail with ModelDisposedError, and so do calls still in
   * flight (the towers are freed once they have settled); disposing twice is a no-op.
   */
  dispose(): Promise<void> {
    return this.#guard.dispose(async () => {
      await Promise.all([this.#text?.dispose(), this.#vision?.dispose()]);
    });
  }
}

