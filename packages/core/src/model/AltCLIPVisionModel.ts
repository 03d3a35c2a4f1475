import { AltCLIPVisionConfig } from '@altclip/config';
import { type ModelSource, resolveModelFiles } from '@altclip/hub';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { exportedExtra, openExportedModel, prepareExportedBackend, towerArtifact } from '../exported/openExportedModel.js';
import { loadCheckpoint } from '../loading/loadCheckpoint.js';
import { loadTowerConfig } from '../loading/loadConfig.js';
import { type SavePretrainedOptions, type StateDictSource, savePretrainedModel } from '../saving/savePretrainedModel.js';
import type { Tensor } from '../tensor/Tensor.js';
import { checkConfigAgainstCheckpoint } from '../weights/checkConfigAgainstCheckpoint.js';
import { initializeParameters } from '../weights/initializeParameters.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { visionParameters } from '../weights/ModelParameters.js';
import { checkInputKeys, IMAGE_INPUT_KEYS } from './checkInputKeys.js';
import { checkLoadOptions } from './checkLoadOptions.js';
import { configOutputFlags } from './configOutputFlags.js';
import { towerOutput } from './towerOutput.js';
import { visionParameterSpecs } from '../weights/ParameterSpec.js';
import { towerWeights } from '../weights/matchStateDict.js';
import { checkModelSize } from '../weights/parameterBudget.js';
import type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions } from './ModelOptions.js';
import type { AltCLIPVisionModelOutput } from './outputs.js';
import { DisposeGuard } from './DisposeGuard.js';
import { prepareBackend } from './prepareBackend.js';
import { matchAndReport } from './reportLoad.js';
import { type VisionInputs, VisionTowerSession } from './VisionTowerSession.js';

const POSITION_EMBEDDING = 'vision_model.embeddings.position_embedding.weight';

/** HF's `AltCLIPVisionModel` (state_dict names `vision_model.…`, as in the full model). */
export class AltCLIPVisionModel {
  readonly config: AltCLIPVisionConfig;
  readonly backend: AltCLIPBackend;
  readonly loadReport: LoadReport;
  readonly #guard = new DisposeGuard('AltCLIPVisionModel');
  #source: StateDictSource | undefined;
  readonly #session: VisionTowerSession;

  private constructor(config: AltCLIPVisionConfig, backend: AltCLIPBackend, session: VisionTowerSession, report: LoadReport) {
    this.config = config;
    this.backend = backend;
    this.#session = session;
    this.loadReport = report;
  }

  /** Also loads from a full AltCLIP checkpoint: the `vision_model.` tensors are used, the rest reported unused. */
  static async fromPretrained(source: ModelSource, options: FromPretrainedOptions = {}): Promise<AltCLIPVisionModel> {
    checkLoadOptions(options, [], 'AltCLIPVisionModel.fromPretrained');
    const files = await resolveModelFiles(source, options);
    const config = await loadTowerConfig(files, 'vision');
    const exported = await openExportedModel(files);
    if (exported) {
      const { backend, loadOptions } = await prepareExportedBackend(exported, ['vision'], options);
      const tower = await backend.loadExportedVisionTower!(config, towerArtifact(exported, 'vision'), loadOptions);
      const session = new VisionTowerSession(config, tower, exportedExtra(exported, POSITION_EMBEDDING));
      return new AltCLIPVisionModel(config, backend, session, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    }
    const isText = (name: string) => name.startsWith('text_model.') || name.startsWith('roberta.');
    const parameters = visionParameters(config);
    const visionOnly = (name: string) => !isText(name);
    const checkpoint = await loadCheckpoint(files, {
      ...options,
      filter: visionOnly,
      onShapes: (shapes) => checkConfigAgainstCheckpoint(parameters, shapes, files.name, options),
    });
    const { weights, report } = matchAndReport(parameters, checkpoint.tensors, { checkpointName: files.name, ...options });
    const model = await AltCLIPVisionModel.#build(config, weights, report, options);
    const quiet = { ...options, onWarning: () => {} };
    model.#source = {
      name: typeof source === 'string' ? source : files.name,
      read: async () => matchAndReport(parameters, (await loadCheckpoint(files, { ...quiet, filter: visionOnly })).tensors, quiet).weights,
    };
    return model;
  }

  static async fromConfig(config: AltCLIPVisionConfig | Record<string, unknown>, options: FromConfigOptions = {}): Promise<AltCLIPVisionModel> {
    checkLoadOptions(options, [], 'AltCLIPVisionModel.fromConfig');
    const cfg = config instanceof AltCLIPVisionConfig ? config : AltCLIPVisionConfig.fromDict(config);
    const parameters = visionParameters(cfg);
    checkModelSize(parameters, options.maxParameterBytes);
    const weights = initializeParameters(parameters.specs(), options.seed ?? 0);
    const model = await AltCLIPVisionModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, options);
    model.#source = { name: '', read: async () => initializeParameters(parameters.specs(), options.seed ?? 0) };
    return model;
  }

  static async fromWeights(config: AltCLIPVisionConfig, stateDict: ReadonlyMap<string, Tensor>, options: FromWeightsOptions = {}): Promise<AltCLIPVisionModel> {
    checkLoadOptions(options, [], 'AltCLIPVisionModel.fromWeights');
    const { weights, report } = matchAndReport(visionParameters(config), stateDict, options);
    return AltCLIPVisionModel.#build(config, weights, report, options);
  }

  static async #build(config: AltCLIPVisionConfig, weights: Map<string, Tensor>, report: LoadReport, options: FromConfigOptions): Promise<AltCLIPVisionModel> {
    const { backend, loadOptions } = await prepareBackend(options);
    const tower = await backend.loadVisionTower(config, towerWeights(weights, 'vision'), loadOptions);
    return new AltCLIPVisionModel(config, backend, new VisionTowerSession(config, tower, weights.get(POSITION_EMBEDDING)!), report);
  }

  forward(inputs: VisionInputs): Promise<AltCLIPVisionModelOutput> {
    return this.#guard.run('forward', async () => {
      checkInputKeys(inputs, IMAGE_INPUT_KEYS, 'AltCLIPVisionModel.forward');
      return towerOutput(await this.#session.run({ ...inputs, ...configOutputFlags(this.config, inputs) }));
    });
  }

  /**
   * HF's `save_pretrained(dir)` with safetensors (Node): config.json as HF writes it and the weights under HF's
   * AltCLIPVisionModel state_dict names, re-read from the source this was loaded from (see core's README, "Saving").
   */
  async savePretrained(dir: string, options: SavePretrainedOptions = {}): Promise<string[]> {
    return savePretrainedModel(dir, { modelClass: 'AltCLIPVisionModel', kind: 'vision', config: this.config, specs: visionParameterSpecs(this.config, this.config.initializer_factor), source: this.#source }, options);
  }

  /** Frees the tower's backend resources; later calls and calls in flight fail with ModelDisposedError; idempotent. */
  dispose(): Promise<void> {
    return this.#guard.dispose(() => this.#session.dispose());
  }
}
