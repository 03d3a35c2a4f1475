import { ConfigCheckpointMismatchError, type ConfigCheckpointProblem } from './ConfigCheckpointMismatchError.js';
import type { ModelParameters } from './ModelParameters.js';
import { remapCheckpointKeys } from './matchStateDict.js';
import { checkParameterCount, checkRandomInitSize, sizeParts } from './parameterBudget.js';

export interface CheckpointCheckOptions {
  /** HF's ignore_mismatched_sizes: mismatched fields are then re-initialised (within maxParameterBytes). */
  ignoreMismatchedSizes?: boolean;
  maxParameterBytes?: number;
}

/** Highest layer index + 1 among names `${prefix}<index>.…`, with one such name; 0 and undefined when none. */
function layersIn(names: Iterable<string>, prefix: string): { count: number; example?: string } {
  let count = 0;
  let example: string | undefined;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const index = /^(\d+)\./.exec(name.slice(prefix.length));
    if (!index) continue;
    const n = Number(index[1]) + 1;
    if (n > count) {
      count = n;
      example = name;
    }
  }
  return { count, example };
}

/**
 * Compares what a config implies with the shapes a checkpoint declares (read from the safetensors header or the
 * torch pickle, before any tensor data): every parameter of the first layer and outside the layer stacks, and
 * the number of layers. A disagreement is a ConfigCheckpointMismatchError naming the config field. Layers the
 * config declares beyond the checkpoint's would be randomly initialised (HF does so silently apart from a
 * warning); that, like any other parameter the checkpoint does not supply, must fit `maxParameterBytes`.
 */
export function checkConfigAgainstCheckpoint(
  model: ModelParameters,
  shapes: ReadonlyMap<string, readonly number[]>,
  checkpointName: string,
  options: CheckpointCheckOptions = {},
): void {
  const renamed = remapCheckpointKeys(shapes.keys(), model.kind);
  const byName = new Map<string, { original: string; shape: readonly number[] }>();
  for (const [original, name] of renamed) byName.set(name, { original, shape: shapes.get(original)! });

  const problems = new Map<string, ConfigCheckpointProblem>();
  const add = (p: ConfigCheckpointProblem) => {
    if (!problems.has(p.field)) problems.set(p.field, p);
  };
  const firstLayer = model.specs({ layers: 1 });
  for (const spec of firstLayer) {
    const found = byName.get(spec.name);
    if (!found) continue;
    const { original, shape } = found;
    if (shape.length !== spec.shape.length) {
      // A rank mismatch is a different parameter altogether; blame the first field it carries.
      add({ field: spec.fields[0] ?? spec.name, configValue: spec.shape.length, checkpointValue: shape.length, tensor: original, checkpointShape: shape });
      continue;
    }
    for (let d = 0; d < shape.length; d++) {
      if (shape[d] !== spec.shape[d]) add({ field: spec.fields[d], configValue: spec.shape[d], checkpointValue: shape[d], tensor: original, checkpointShape: shape });
    }
  }

  // Parameters the checkpoint cannot supply: whole stacks it lacks, and layers beyond those it has.
  const parts = sizeParts(model);
  const missing = parts.filter((p) => p.name !== undefined && !byName.has(p.name));
  for (const [i, stack] of model.stacks.entries()) {
    const { count, example } = layersIn(byName.keys(), stack.prefix);
    if (count > 0 && stack.count > count && example !== undefined) {
      const original = byName.get(example)!;
      add({ field: stack.field, configValue: stack.count, checkpointValue: count, tensor: original.original, checkpointShape: original.shape });
    }
    const part = parts.find((p) => p.stack === i)!;
    const extra = Math.max(0, stack.count - count);
    if (extra > 0) missing.push({ ...part, elements: (part.elements / stack.count) * extra, tensors: (part.tensors / stack.count) * extra });
  }
  if (problems.size > 0 && !options.ignoreMismatchedSizes) throw new ConfigCheckpointMismatchError(model.modelClass, checkpointName, [...problems.values()]);
  checkParameterCount(model, parts);
  checkRandomInitSize(model, missing, options.maxParameterBytes, 'the parameters the checkpoint does not supply');
}
