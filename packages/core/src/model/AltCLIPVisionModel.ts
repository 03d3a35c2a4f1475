import { AltCLIPVisionConfig } from '@altclip/config';
import type { AltCLIPBackend } from '../backend/AltCLIPBackend.js';
import { exportedExtra, openExportedModel, prepareExportedBackend, towerArtifact } from '../exported/openExportedModel.js';
import { loadCheckpoint } from '../loading/loadCheckpoint.js';
import { loadTowerConfig } from '../loading/loadConfig.js';
import { type ModelSource, resolveModelFiles } from '../loading/resolveModelFiles.js';
import type { Tensor } from '../tensor/Tensor.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { visionParameterSpecs } from '../weights/ParameterSpec.js';
import { initializeParameters } from '../weights/initializeParameters.js';
import { towerWeights } from '../weights/matchStateDict.js';
import { towerOutput } from './towerOutput.js';
import type { FromConfigOptions, FromPretrainedOptions, FromWeightsOptions } from './ModelOptions.js';
import type { AltCLIPVisionModelOutput } from './outputs.js';
import { prepareBackend } from './prepareBackend.js';
import { matchAndReport } from './reportLoad.js';
import { type VisionInputs, VisionTowerSession } from './VisionTowerSession.js';

const MODEL_CLASS = 'AltCLIPVisionModel';
const POSITION_EMBEDDING = 'vision_model.embeddings.position_embedding.weight';

/** HF's `AltCLIPVisionModel` (state_dict names `vision_model.…`, as in the full model). */
export class AltCLIPVisionModel {
  readonly config: AltCLIPVisionConfig;
  readonly backend: AltCLIPBackend;
  readonly loadReport: LoadReport;
  readonly #session: VisionTowerSession;

  private constructor(config: AltCLIPVisionConfig, backend: AltCLIPBackend, session: VisionTowerSession, report: LoadReport) {
    this.config = config;
    this.backend = backend;
    this.#session = session;
    this.loadReport = report;
  }

  /** Also loads from a full AltCLIP checkpoint: the `vision_model.` tensors are used, the rest reported unused. */
  static async fromPretrained(source: ModelSource, options: FromPretrainedOptions = {}): Promise<AltCLIPVisionModel> {
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
    const checkpoint = await loadCheckpoint(files, { ...options, filter: (name) => !isText(name) });
    const specs = visionParameterSpecs(config, config.initializer_factor);
    const { weights, report } = matchAndReport(MODEL_CLASS, specs, checkpoint.tensors, 'vision', { checkpointName: files.name, ...options });
    return AltCLIPVisionModel.#build(config, weights, report, options);
  }

  static async fromConfig(config: AltCLIPVisionConfig | Record<string, unknown>, options: FromConfigOptions = {}): Promise<AltCLIPVisionModel> {
    const cfg = config instanceof AltCLIPVisionConfig ? config : AltCLIPVisionConfig.fromDict(config);
    const weights = initializeParameters(visionParameterSpecs(cfg, cfg.initializer_factor), options.seed ?? 0);
    return AltCLIPVisionModel.#build(cfg, weights, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] }, options);
  }

  static async fromWeights(config: AltCLIPVisionConfig, stateDict: ReadonlyMap<string, Tensor>, options: FromWeightsOptions = {}): Promise<AltCLIPVisionModel> {
    const specs = visionParameterSpecs(config, config.initializer_factor);
    const { weights, report } = matchAndReport(MODEL_CLASS, specs, stateDict, 'vision', options);
    return AltCLIPVisionModel.#build(config, weights, report, options);
  }

  static async #build(config: AltCLIPVisionConfig, weights: Map<string, Tensor>, report: LoadReport, options: FromConfigOptions): Promise<AltCLIPVisionModel> {
    const { backend, loadOptions } = await prepareBackend(options);
    const tower = await backend.loadVisionTower(config, towerWeights(weights, 'vision'), loadOptions);
    return new AltCLIPVisionModel(config, backend, new VisionTowerSession(config, tower, weights.get(POSITION_EMBEDDING)!), report);
  }

  async forward(inputs: VisionInputs): Promise<AltCLIPVisionModelOutput> {
    return towerOutput(await this.#session.run(inputs));
  }

  dispose(): Promise<void> {
    return this.#session.dispose();
  }
}
