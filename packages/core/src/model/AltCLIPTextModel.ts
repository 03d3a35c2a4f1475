import { AltCLIPTextConfig } from '@altclip/config';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { openExportedModel, prepareExportedBackend, towerArtifact } from '../exported/openExportedModel.js';
import { loadCheckpoint } from '../loading/loadCheckpoint.js';
import { loadTowerConfig } from '../loading/loadConfig.js';
import { type ModelSource, resolveModelFiles } from '../loading/resolveModelFiles.js';
import type { Tensor } from '../tensor/Tensor.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { textParameterSpecs } from '../weights/ParameterSpec.js';
import { initializeParameters } from '../weights/initializeParameters.js';
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
  readonly #session: TextTowerSession;

  private constructor(config: AltCLIPTextConfig, backend: AltCLIPBackend, session: TextTowerSession, report: LoadReport) {
    this.config = config;
    this.backend = backend;
    this.#session = session;
    this.loadReport = report;
  }

  /** Also loads from a full AltCLIP checkpoint: the `text_model.` tensors are used, the rest reported unused. */
  static async fromPretrained(source: ModelSource, options: FromPretrainedOptions = {}): Promise<AltCLIPTextModel> {
    const files = await resolveModelFiles(source, options);
    const config = await loadTowerConfig(files, 'text');
    const exported = await openExportedModel(files);
    if (exported) {
      const { backend, loadOptions } = await prepareExportedBackend(exported, ['text'], options);
      const tower = await backend.loadExportedTextTower!(config, towerArtifact(exported, 'text'), loadOptions);
      return new AltCLIPTextModel(config, backend, new TextTowerSession(config, tower), { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
    }
    // Vision tensors are never read: a text tower from a full checkpoint costs only its own memory.
    const checkpoint = await loadCheckpoint(files, { ...options, filter: (name) => !name.startsWith('vision_model.') });
    const { weights, report } = matchAndReport(MODEL_CLASS, textParameterSpecs(config), checkpoint.tensors, 'text', { checkpointName: files.name, ...options });
    return AltCLIPTextModel.#build(config, weights, report, options);
  }

  static async fromConfig(config: AltCLIPTextConfig | Record<string, unknown>, options: FromConfigOptions = {}): Promise<AltCLIPTextModel> {
    const cfg = config instanceof AltCLIPTextConfig ? config : AltCLIPTextConfig.fromDict(config);
    const weights = initializeParameters(textParameterSpecs(cfg), options.seed ?? 0);
    return AltCLIPTextModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, options);
  }

  static async fromWeights(config: AltCLIPTextConfig, stateDict: ReadonlyMap<string, Tensor>, options: FromWeightsOptions = {}): Promise<AltCLIPTextModel> {
    const { weights, report } = matchAndReport(MODEL_CLASS, textParameterSpecs(config), stateDict, 'text', options);
    return AltCLIPTextModel.#build(config, weights, report, options);
  }

  static async #build(config: AltCLIPTextConfig, weights: Map<string, Tensor>, report: LoadReport, options: FromConfigOptions): Promise<AltCLIPTextModel> {
    const { backend, loadOptions } = await prepareBackend(options);
    const tower = await backend.loadTextTower(config, weights, loadOptions);
    return new AltCLIPTextModel(config, backend, new TextTowerSession(config, tower), report);
  }

  async forward(inputs: TextInputs): Promise<AltCLIPTextModelOutput> {
    return towerOutput(await this.#session.run(inputs));
  }

  dispose(): Promise<void> {
    return this.#session.dispose();
  }
}
