import type { ModelParameters } from './ModelParameters.js';
import { ModelSizeError } from './ModelSizeError.js';
import type { ParameterSpec } from './ParameterSpec.js';

/**
 * Default ceiling on parameter memory that may be allocated by random initialisation: 4 GiB of float32, above
 * BAAI/AltCLIP itself (864 M parameters, 3.46 GB) and far below what a hostile config.json can declare.
 */
export const DEFAULT_MAX_PARAMETER_BYTES = 4 * 1024 ** 3;

/**
 * Every parameter is a separate tensor object; a config with a million layers would exhaust the heap on their
 * bookkeeping alone before any weight is drawn. AltCLIP has about 800; 100,000 leaves room for any real variant.
 */
export const MAX_PARAMETER_TENSORS = 100_000;

const FLOAT32_BYTES = 4;

const elementsOf = (spec: ParameterSpec) => spec.shape.reduce((a, b) => a * b, 1);

/** One part of a model's size: a parameter outside the layer stacks, or a whole stack. */
export interface SizePart {
  /** The parameter's name; absent for a layer stack. */
  readonly name?: string;
  /** The stack's index in `model.stacks`; absent for a single parameter. */
  readonly stack?: number;
  readonly elements: number;
  readonly tensors: number;
  /** What to blame when this part is too big, e.g. `text_config.hidden_size = 1000000`. */
  readonly blame: { field: string; value: number };
}

function blameOf(spec: ParameterSpec): { field: string; value: number } {
  // The largest dimension of the largest tensor is what a hostile config inflated.
  let best = 0;
  for (let d = 1; d < spec.shape.length; d++) if (spec.shape[d] > spec.shape[best]) best = d;
  return { field: spec.fields[best] ?? spec.name, value: spec.shape[best] ?? 1 };
}

/**
 * The model's size from a config, computed from the specs of its first layer only: parameters outside the
 * stacks, and each stack's per-layer size times its length. Doubles: a huge config gives a huge (or infinite)
 * number, never an allocation.
 */
export function sizeParts(model: ModelParameters): SizePart[] {
  const zero = model.specs({ layers: 0 });
  const one = model.specs({ layers: 1 });
  const outside = new Set(zero.map((s) => s.name));
  const parts: SizePart[] = zero.map((s) => ({ name: s.name, elements: elementsOf(s), tensors: 1, blame: blameOf(s) }));
  for (const [index, stack] of model.stacks.entries()) {
    const layer = one.filter((s) => !outside.has(s.name) && s.name.startsWith(stack.prefix));
    const elements = layer.reduce((n, s) => n + elementsOf(s), 0);
    const largest = layer.reduce<ParameterSpec | undefined>((a, s) => (a === undefined || elementsOf(s) > elementsOf(a) ? s : a), undefined);
    // A stack is blamed on its length when the length is what is out of proportion, else on its widest field.
    const widest = largest ? blameOf(largest) : { field: stack.field, value: stack.count };
    const blame = stack.count > 1000 || stack.count > widest.value ? { field: stack.field, value: stack.count } : widest;
    parts.push({ stack: index, elements: elements * stack.count, tensors: layer.length * stack.count, blame });
  }
  return parts;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toPrecision(3)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toPrecision(3)} MiB`;
  return `${bytes} bytes`;
}

/**
 * Refuses to initialise `parts` randomly when they exceed `maxBytes` of float32 or MAX_PARAMETER_TENSORS tensors,
 * naming the config field that contributes most. `what` says which parameters (all, or those the checkpoint lacks).
 */
export function checkRandomInitSize(model: ModelParameters, parts: readonly SizePart[], maxBytes: number | undefined, what: string): void {
  const limit = maxBytes ?? DEFAULT_MAX_PARAMETER_BYTES;
  const tensors = parts.reduce((n, p) => n + p.tensors, 0);
  const bytes = parts.reduce((n, p) => n + p.elements * FLOAT32_BYTES, 0);
  const largest = parts.reduce<SizePart | undefined>((a, p) => (a === undefined || p.elements > a.elements ? p : a), undefined);
  const blame = largest?.blame ?? { field: '(config)', value: 0 };
  const cause = `${blame.field} = ${blame.value}`;
  if (tensors > MAX_PARAMETER_TENSORS) throw tooManyTensors(model, what, tensors, bytes, limit);
  if (!(bytes <= limit)) {
    throw new ModelSizeError(
      `${model.modelClass}: ${what} would take ${formatBytes(bytes)} of float32 parameters (largest part from ${cause}), ` +
        `above maxParameterBytes = ${formatBytes(limit)}; pass a larger maxParameterBytes (or Infinity) to allow it`,
      blame.field,
      bytes,
      limit,
    );
  }
}

function tooManyTensors(model: ModelParameters, what: string, tensors: number, bytes: number, limit: number): ModelSizeError {
  const stack = model.stacks.reduce((a, s) => (s.count > a.count ? s : a));
  return new ModelSizeError(
    `${model.modelClass}: ${what} would be ${tensors} parameter tensors (${stack.field} = ${stack.count}); at most ${MAX_PARAMETER_TENSORS} are supported`,
    stack.field,
    bytes,
    limit,
  );
}

/**
 * However they are filled, a model's parameters are listed one object each before loading; a checkpoint that
 * really holds a million layers (a 100 MB header of tiny tensors) must not make that list either.
 */
export function checkParameterCount(model: ModelParameters, parts: readonly SizePart[] = sizeParts(model)): void {
  const tensors = parts.reduce((n, p) => n + p.tensors, 0);
  if (tensors > MAX_PARAMETER_TENSORS) throw tooManyTensors(model, 'the model', tensors, Number.NaN, Number.NaN);
}

/** Size check for `fromConfig`: every parameter is randomly initialised. */
export function checkModelSize(model: ModelParameters, maxBytes: number | undefined): void {
  checkRandomInitSize(model, sizeParts(model), maxBytes, 'random initialisation of the config');
}
