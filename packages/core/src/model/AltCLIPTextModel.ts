import { AltCLIPTextConfig } from '@altclip/config';
import { type ModelSource, resolveModelFiles } from '@altclip/hub';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { loadCheckpoint } from '../loading/loadCheckpoint.js';
import { loadTowerConfig } from '../loading/loadConfig.js';
import { type SavePretrainedOptions, type StateDictSource, savePretrainedModel } from '../saving/savePretrainedModel.js';
import type { Tensor } from '../tensor/Tensor.js';
import { initializeParameters } from '../weights/initializeParameters.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { textParameterSpecs } from '../weights/ParameterSpec.js';
import { checkInputKeys, TEXT_INPUT_KEYS } from './checkInputKeys.js';
import { checkLoadOptions } from './checkLoadOptions.js';
import { configOutputFlags } from './configOutputFlags.js';
import { towerOutput } from './towerOutput.js';
import type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions } from './ModelOptions.js';
import type { AltCLIPTextModelOutput } from './outputs.js';
import { prepareBackend } from './prepareBackend.js';
import { matchAndReport } from './reportLoad.js';
import { type TextInputs, TextTowerSession } from './TextTowerSession.js';

const MODEL_CLASS = 'AltCLIPTextModel';

/** HF's `AltCLIPTextModel` (state_dict names `roberta.…`, `pre_LN.…`, `transformation.…`). */
export class AltCLIPTextModel {
  readonly config: AltCLIPTextConfig;
  readonly backend: AltCLIPBackend;
  readonly loadReport: LoadReport;
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
    // Vision tensors are never read: a text tower from a full checkpoint costs only its own memory.
    const checkpoint = await loadCheckpoint(files, { ...options, filter: (name) => !name.startsWith('vision_model.') });
    const { weights, report } = matchAndReport(MODEL_CLASS, textParameterSpecs(config), checkpoint.tensors, 'text', { checkpointName: files.name, ...options });
    const model = await AltCLIPTextModel.#build(config, weights, report, options);
    const quiet = { ...options, onWarning: () => {} };
    model.#source = {
      name: typeof source === 'string' ? source : files.name,
      read: async () => matchAndReport(MODEL_CLASS, textParameterSpecs(config), (await loadCheckpoint(files, { ...quiet, filter: (name) => !name.startsWith('vision_model.') })).tensors, 'text', quiet).weights,
    };
    return model;
  }

  static async fromConfig(config: AltCLIPTextConfig | Record<string, unknown>, options: FromConfigOptions = {}): Promise<AltCLIPTextModel> {
    checkLoadOptions(options, [], 'AltCLIPTextModel.fromConfig');
    const cfg = config instanceof AltCLIPTextConfig ? config : AltCLIPTextConfig.fromDict(config);
    const weights = initializeParameters(textParameterSpecs(cfg), options.seed ?? 0);
    const model = await AltCLIPTextModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, options);
    model.#source = { name: '', read: async () => initializeParameters(textParameterSpecs(cfg), options.seed ?? 0) };
    return model;
  }

  static async fromWeights(config: AltCLIPTextConfig, stateDict: ReadonlyMap<string, Tensor>, options: FromWeightsOptions = {}): Promise<AltCLIPTextModel> {
    checkLoadOptions(options, [], 'AltCLIPTextModel.fromWeights');
    const { weights, report } = matchAndReport(MODEL_CLASS, textParameterSpecs(config), stateDict, 'text', options);
    return AltCLIPTextModel.#build(config, weights, report, options);
  }

  static async #build(config: AltCLIPTextConfig, weights: Map<string, Tensor>, report: LoadReport, options: FromConfigOptions): Promise<AltCLIPTextModel> {
    const { backend, loadOptions } = await prepareBackend(options);
    const tower = await backend.loadTextTower(config, weights, loadOptions);
    return new AltCLIPTextModel(config, backend, new TextTowerSession(config, tower), report);
  }

  async forward(inputs: TextInputs): Promise<AltCLIPTextModelOutput> {
    checkInputKeys(inputs, TEXT_INPUT_KEYS, 'AltCLIPTextModel.forward');
    return towerOutput(await this.#session.run({ ...inputs, ...configOutputFlags(this.config, inputs) }));
  }

  /**
   * HF's `save_pretrained(dir)` with safetensors (Node): config.json as HF writes it and the weights under HF's
   * AltCLIPTextModel state_dict names, re-read from the source this was loaded from (see core's README, "Saving").
   */
  async savePretrained(dir: string, options: SavePretrainedOptions = {}): Promise<string[]> {
    return savePretrainedModel(dir, { modelClass: MODEL_CLASS, kind: 'text', config: this.config, specs: textParameterSpecs(this.config), source: this.#source }, options);
  }

  dispose(): Promise<void> {
    return this.#session.dispose();
  }
}
