import { SeededNormal } from '../random/SeededNormal.js';
import type { Tensor } from '../tensor/Tensor.js';
import { CheckpointError } from './CheckpointError.js';
import { initializeParameter } from './initializeParameters.js';
import { type LoadReport, sizeMismatchMessage } from './LoadReport.js';
import { ModelSizeError } from './ModelSizeError.js';
import { BUFFER_NAMES, type ParameterSpec } from './ParameterSpec.js';
import { DEFAULT_MAX_PARAMETER_BYTES, formatBytes } from './parameterBudget.js';

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
  options: { seed?: number; ignoreMismatchedSizes?: boolean; maxParameterBytes?: number } = {},
): { weights: Map<string, Tensor>; report: LoadReport } {
  const names = remapCheckpointKeys(checkpoint.keys(), target);
  const byName = new Map<string, Tensor>();
  for (const [original, renamed] of names) byName.set(renamed, checkpoint.get(original)!);
  const missingKeys: string[] = [];
  const mismatchedKeys: { key: string; checkpointShape: readonly number[]; modelShape: readonly number[] }[] = [];
  const fresh: ParameterSpec[] = [];
  for (const spec of specs) {
    const tensor = byName.get(spec.name);
    if (!tensor) {
      missingKeys.push(spec.name);
      fresh.push(spec);
    } else if (tensor.dims.length !== spec.shape.length || tensor.dims.some((d, i) => d !== spec.shape[i])) {
      mismatchedKeys.push({ key: spec.name, checkpointShape: tensor.dims, modelShape: spec.shape });
      fresh.push(spec);
    }
  }
  // Everything is decided before anything is drawn: a refused load must not first allocate what the config declares.
  if (mismatchedKeys.length > 0 && !options.ignoreMismatchedSizes) throw new CheckpointError(sizeMismatchMessage(modelClass, mismatchedKeys));
  checkFreshBytes(modelClass, fresh, options.maxParameterBytes);
  const random = new SeededNormal(options.seed ?? 0);
  const weights = new Map<string, Tensor>();
  const isFresh = new Set(fresh.map((s) => s.name));
  for (const spec of specs) weights.set(spec.name, isFresh.has(spec.name) ? initializeParameter(spec, random) : byName.get(spec.name)!);
  const unexpectedKeys = [...byName.keys()].filter((k) => !weights.has(k) && !BUFFER_NAMES.has(k)).sort();
  return { weights, report: { missingKeys, unexpectedKeys, mismatchedKeys } };
}

function checkFreshBytes(modelClass: string, fresh: readonly ParameterSpec[], maxBytes: number | undefined): void {
  const limit = maxBytes ?? DEFAULT_MAX_PARAMETER_BYTES;
  let bytes = 0;
  let largest: ParameterSpec | undefined;
  let largestSize = -1;
  for (const spec of fresh) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    bytes += 4 * size;
    if (size > largestSize) {
      largest = spec;
      largestSize = size;
    }
  }
  if (bytes <= limit || largest === undefined) return;
  const field = largest.fields[largest.shape.indexOf(Math.max(...largest.shape))] ?? largest.name;
  throw new ModelSizeError(
    `${modelClass}: initialising the parameters the checkpoint does not supply would take ${formatBytes(bytes)} of float32 ` +
      `(largest: '${largest.name}' [${largest.shape.join(', ')}], from ${field}), above maxParameterBytes = ${formatBytes(limit)}`,
    field,
    bytes,
    limit,
  );
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
