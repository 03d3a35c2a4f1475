import { InputValidationError } from '../errors/InputValidationError.js';
import type { ModelParameters } from '../weights/ModelParameters.js';

export type TowerName = 'text' | 'vision';

/** `AltCLIPModel`'s tower choice: a query-embedding service needs only the text tower, an image indexer only the vision tower. */
export interface TowerOptions {
  /** Which towers to load (default both). The other tower's tensors are never read from the checkpoint nor sent to the backend. */
  towers?: readonly TowerName[];
}

const PREFIXES: Record<TowerName, readonly string[]> = {
  text: ['text_model.', 'text_projection.'],
  vision: ['vision_model.', 'visual_projection.'],
};

/** The checked set of towers (plain-JS callers get a typed error for anything but a non-empty list of 'text'/'vision'). */
export function selectTowers(towers: unknown): ReadonlySet<TowerName> {
  if (towers === undefined) return new Set(['text', 'vision']);
  if (!Array.isArray(towers) || towers.length === 0 || towers.some((t) => t !== 'text' && t !== 'vision') || new Set(towers).size !== towers.length) {
    throw new InputValidationError(`towers: expected a non-empty list of distinct 'text' and 'vision', got ${JSON.stringify(towers)}`);
  }
  return new Set(towers as TowerName[]);
}

/** True for a state_dict name the selected towers use (`logit_scale` and anything shared always are). */
export function belongsToTowers(name: string, towers: ReadonlySet<TowerName>): boolean {
  for (const tower of ['text', 'vision'] as const) {
    if (!towers.has(tower) && PREFIXES[tower].some((p) => name.startsWith(p))) return false;
  }
  return true;
}

/** What the selected towers' config implies (the other tower's parameters and layer stack left out). */
export function towerParameters(model: ModelParameters, towers: ReadonlySet<TowerName>): ModelParameters {
  if (towers.size === 2) return model;
  return {
    ...model,
    stacks: model.stacks.filter((stack) => belongsToTowers(stack.prefix, towers)),
    specs: (options) => model.specs(options).filter((spec) => belongsToTowers(spec.name, towers)),
  };
}
