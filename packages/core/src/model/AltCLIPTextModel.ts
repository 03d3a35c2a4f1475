import { AltCLIPTextConfig } from '@altclip/config';
import { type ModelSource, resolveModelFiles } from '@altclip/hub';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { openExportedModel, prepareExportedBackend, towerArtifact } from '../exported/openExportedModel.js';
import { loadCheckpoint } from '../loading/loadCheckpoint.js';
import { loadTowerConfig } from '../loading/loadConfig.js';
import { type SavePretrainedOptions, type StateDictSource, savePretrainedModel } from '../saving/savePretrainedModel.js';
import type { Tensor } from '../tensor/Tensor.js';
import { checkConfigAgainstCheckpoint } from '../weights/checkConfigAgainstCheckpoint.js';
import { initializeParameters } from '../weights/initializeParameters.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { textParameters } from '../weights/ModelParameters.js';
import { textParameterSpecs } from '../weights/ParameterSpec.js';
import { checkModelSize } from '../weights/parameterBudget.js';
import { checkInputKeys, TEXT_INPUT_KEYS } from './checkInputKeys.js';
import { checkLoadOptions } from './checkLoadOptions.js';
import { configOutputFlags } from './configOutputFlags.js';
import { towerOutput } from './towerOutput.js';
import type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions } from './ModelOptions.js';
import type { AltCLIPTextModelOutput } from './outputs.js';
import { DisposeGuard } from './DisposeGuard.js';
import { prepareBackend } from './prepareBackend.js';
import { matchAndReport } from './reportLoad.js';
import { type TextInputs, TextTowerSession } from './TextTowerSession.js';


/** HF's `AltCLIPTextModel` (state_dict names `roberta.…`, `pre_LN.…`, `transformation.…`). */
export class AltCLIPTextModel {
  readonly config: AltCLIPTextConfig;
  readonly backend: AltCLIPBackend;
  readonly loadReport: LoadReport;
  readonly #guard = new DisposeGuard('AltCLIPTextModel');
  #source: StateDictSource | undefined;
  readonly #session: TextTowerSession;

  private constructor(config: AltCLIPTextConfig, backend: AltCLIPBackend, session: TextTowerSession, report: LoadReport) {
    this.config = config;
    this.backend = backend;
    this.#session = session;
    this.loadReport = report;
  }

  /** Also loads from a full AltCLIP checkpoint: the `text_model.` tensors are used, the rest reported unused. */
  static async fromPretrained(source: ModelSource, options: FromPretrainedOptions = {}): Promise<AltCLIPTextModel> {
    checkLoadOptions(options, [], 'AltCLIPTextModel.fromPretrained');
    const files = await resolveModelFiles(source, options);
    const config = await loadTowerConfig(files, 'text');
    const exported = await openExportedModel(files);
    if (exported) {
      const { backend, loadOptions } = await prepareExportedBackend(exported, ['text'], options);
      const tower = await backend.loadExportedTextTower!(config, towerArtifact(exported, 'text'), loadOptions);
      return new AltCLIPTextModel(config, backend, new TextTowerSession(config, tower), { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    }
    // Vision tensors are never read: a text tower from a full checkpoint costs only its own memory.
    const parameters = textParameters(config);
    const textOnly = (name: string) => !name.startsWith('vision_model.');
    const checkpoint = await loadCheckpoint(files, {
      ...options,
      filter: textOnly,
      onShapes: (shapes) => checkConfigAgainstCheckpoint(parameters, shapes, files.name, options),
    });
    const { weights, report } = matchAndReport(parameters, checkpoint.tensors, { checkpointName: files.name, ...options });
    const model = await AltCLIPTextModel.#build(config, weights, report, options);
    const quiet = { ...options, onWarning: () => {} };
    model.#source = {
      name: typeof source === 'string' ? source : files.name,
      read: async () => matchAndReport(parameters, (await loadCheckpoint(files, { ...quiet, filter: textOnly })).tensors, quiet).weights,
    };
    return model;
  }

  static async fromConfig(config: AltCLIPTextConfig | Record<string, unknown>, options: FromConfigOptions = {}): Promise<AltCLIPTextModel> {
    checkLoadOptions(options, [], 'AltCLIPTextModel.fromConfig');
    const cfg = config instanceof AltCLIPTextConfig ? config : AltCLIPTextConfig.fromDict(config);
    const parameters = textParameters(cfg);
    checkModelSize(parameters, options.maxParameterBytes);
    const weights = initializeParameters(parameters.specs(), options.seed ?? 0);
    const model = await AltCLIPTextModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, options);
    model.#source = { name: '', read: async () => initializeParameters(parameters.specs(), options.seed ?? 0) };
    return model;
  }

  static async fromWeights(config: AltCLIPTextConfig, stateDict: ReadonlyMap<string, Tensor>, options: FromWeightsOptions = {}): Promise<AltCLIPTextModel> {
    checkLoadOptions(options, [], 'AltCLIPTextModel.fromWeights');
    const { weights, report } = matchAndReport(textParameters(config), stateDict, options);
    return AltCLIPTextModel.#build(config, weights, report, options);
  }

  static async #build(config: AltCLIPTextConfig, weights: Map<string, Tensor>, report: LoadReport, options: FromConfigOptions): Promise<AltCLIPTextModel> {
    const { backend, loadOptions } = await prepareBackend(options);
    const tower = await backend.loadTextTower(config, weights, loadOptions);
    return new AltCLIPTextModel(config, backend, new TextTowerSession(config, tower), report);
  }

  forward(inputs: TextInputs): Promise<AltCLIPTextModelOutput> {
    return this.#guard.run('forward', async () => {
      checkInputKeys(inputs, TEXT_INPUT_KEYS, 'AltCLIPTextModel.forward');
      return towerOutput(await this.#session.run({ ...inputs, ...configOutputFlags(this.config, inputs) }));
    });
  }

  /**
   * HF's `save_pretrained(dir)` with safetensors (Node): config.json as HF writes it and the weights under HF's
   * AltCLIPTextModel state_dict names, re-read from the source this was loaded from (see core's README, "Saving").
   */
  async savePretrained(dir: string, options: SavePretrainedOptions = {}): Promise<string[]> {
    return savePretrainedModel(dir, { modelClass: 'AltCLIPTextModel', kind: 'text', config: this.config, specs: textParameterSpecs(this.config), source: this.#source }, options);
  }

  /** Frees the tower's backend resources; later calls and calls in flight fail with ModelDisposedError; idempotent. */
  dispose(): Promise<void> {
    return this.#guard.dispose(() => this.#session.dispose());
  }
}
