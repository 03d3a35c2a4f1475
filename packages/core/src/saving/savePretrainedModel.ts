import type { PretrainedConfig } from '@altclip/config';
import type { Tensor } from '../tensor/Tensor.js';
import { CheckpointError } from '../weights/CheckpointError.js';
import { type ModelKind, matchStateDict } from '../weights/matchStateDict.js';
import type { ParameterSpec } from '../weights/ParameterSpec.js';
import { savedConfigJson } from './savedConfigJson.js';
import { type SaveModelOptions, saveModelFiles } from './saveModelFiles.js';

/**
 * Where savePretrained gets a model's weights: the backend holds them in its own form (graphs, fp16/int8, GPU
 * buffers), and keeping the checkpoint's float32 copy beside it would double every loaded model's memory. So a model
 * remembers how to produce its state_dict again instead — re-read from the files it was loaded from, or re-drawn from
 * fromConfig's seed — and pays for the tensors only while saving.
 */
export interface StateDictSource {
  /** `_name_or_path` for config.json: what fromPretrained was given ('' for fromConfig, as HF). */
  readonly name: string;
  read(): Promise<ReadonlyMap<string, Tensor>>;
}

export interface SavePretrainedOptions extends SaveModelOptions {
  /** The weights of a model built by fromWeights, which keeps no reference to them (HF state_dict names). */
  readonly stateDict?: ReadonlyMap<string, Tensor>;
}

/** One model's `save_pretrained`: its weights from `source` (or `options.stateDict`) in `specs` order, and config.json. */
export async function savePretrainedModel(
  dir: string,
  model: { modelClass: string; kind: ModelKind; config: PretrainedConfig; specs: readonly ParameterSpec[]; source: StateDictSource | undefined; firstNames?: readonly string[] },
  options: SavePretrainedOptions,
): Promise<string[]> {
  let weights: ReadonlyMap<string, Tensor>;
  if (options.stateDict) weights = matchStateDict(model.modelClass, model.specs, options.stateDict, model.kind, {}).weights;
  else if (model.source) weights = await model.source.read();
  else throw new CheckpointError(`${model.modelClass}.savePretrained: this model was built by fromWeights, which keeps no copy of the weights; pass { stateDict }`);
  // PyTorch's state_dict order (it decides which shard a tensor lands in): a module's own parameters come first.
  const first = model.firstNames ?? [];
  const order = [...first, ...model.specs.map((s) => s.name).filter((n) => !first.includes(n))];
  const entries = order.map((name) => [name, weights.get(name) as Tensor] as const);
  return saveModelFiles(dir, savedConfigJson(model.config, model.modelClass, model.source?.name ?? ''), entries, options);
}
