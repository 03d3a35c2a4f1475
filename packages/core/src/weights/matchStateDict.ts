import { SeededNormal } from '../random/SeededNormal.js';
import type { Tensor } from '../tensor/Tensor.js';
import { CheckpointError } from './CheckpointError.js';
import { type LoadReport, sizeMismatchMessage } from './LoadReport.js';
import { BUFFER_NAMES, type ParameterSpec } from './ParameterSpec.js';
import { initializeParameter } from './initializeParameters.js';

export type ModelKind = 'full' | 'text' | 'vision';

const TEXT_TOWER_ROOTS = ['roberta.', 'pre_LN.', 'transformation.'];

/**
 * Renames checkpoint keys so that a tower model loads from a full AltCLIP
 * checkpoint and a full model from a text-tower checkpoint (AltCLIPTextModel
 * has no `text_model.` prefix; AltCLIPVisionModel keeps `vision_model.`).
 */
export function remapCheckpointKeys(keys: Iterable<string>, target: ModelKind): Map<string, string> {
  const list = [...keys];
  const renamed = new Map<string, string>();
  const isTextTowerKey = (k: string) => TEXT_TOWER_ROOTS.some((r) => k.startsWith(r));
  const fromFull = target === 'text' && !list.some(isTextTowerKey) && list.some((k) => k.startsWith('text_model.'));
  const fromTextTower = target === 'full' && list.some(isTextTowerKey);
  for (const key of list) {
    if (fromFull && key.startsWith('text_model.')) renamed.set(key, key.slice('text_model.'.length));
    else if (fromTextTower && isTextTowerKey(key)) renamed.set(key, `text_model.${key}`);
    else renamed.set(key, key);
  }
  return renamed;
}

/**
 * Matches a checkpoint against the model's parameters as HF's from_pretrained
 * does: missing parameters are initialised (seeded), unused tensors reported,
 * buffers dropped silently, and shape mismatches refused unless
 * `ignoreMismatchedSizes`.
 */
export function matchStateDict(
  modelClass: string,
  specs: readonly ParameterSpec[],
  checkpoint: ReadonlyMap<string, Tensor>,
  target: ModelKind,
  options: { seed?: number; ignoreMismatchedSizes?: boolean } = {},
): { weights: Map<string, Tensor>; report: LoadReport } {
  const names = remapCheckpointKeys(checkpoint.keys(), target);
  const byName = new Map<string, Tensor>();
  for (const [original, renamed] of names) byName.set(renamed, checkpoint.get(original)!);
  const random = new SeededNormal(options.seed ?? 0);
  const weights = new Map<string, Tensor>();
  const missingKeys: string[] = [];
  const mismatchedKeys: { key: string; checkpointShape: readonly number[]; modelShape: readonly number[] }[] = [];
  for (const spec of specs) {
    const tensor = byName.get(spec.name);
    if (!tensor) {
      missingKeys.push(spec.name);
      weights.set(spec.name, initializeParameter(spec, random));
    } else if (tensor.dims.length !== spec.shape.length || tensor.dims.some((d, i) => d !== spec.shape[i])) {
      mismatchedKeys.push({ key: spec.name, checkpointShape: tensor.dims, modelShape: spec.shape });
      weights.set(spec.name, initializeParameter(spec, random));
    } else {
      weights.set(spec.name, tensor);
    }
  }
  if (mismatchedKeys.length > 0 && !options.ignoreMismatchedSizes) throw new CheckpointError(sizeMismatchMessage(modelClass, mismatchedKeys));
  const unexpectedKeys = [...byName.keys()].filter((k) => !weights.has(k) && !BUFFER_NAMES.has(k)).sort();
  return { weights, report: { missingKeys, unexpectedKeys, mismatchedKeys } };
}

/** Splits full-model weights into the contract's per-tower maps (tower prefix removed, projection kept). */
export function towerWeights(weights: ReadonlyMap<string, Tensor>, tower: 'text' | 'vision'): Map<string, Tensor> {
  const prefix = tower === 'text' ? 'text_model.' : 'vision_model.';
  const projection = tower === 'text' ? 'text_projection.weight' : 'visual_projection.weight';
  const out = new Map<string, Tensor>();
  for (const [name, tensor] of weights) {
    if (name.startsWith(prefix)) out.set(name.slice(prefix.length), tensor);
    else if (name === projection) out.set(name, tensor);
  }
  return out;
}
