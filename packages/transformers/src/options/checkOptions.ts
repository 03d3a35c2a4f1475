import { PipelineArgumentError } from '../errors/PipelineArgumentError.js';

/**
 * Refuses every key of `options` that is not in `allowed`; keys in `refused` get their specific reason
 * (transformers.js options this package deliberately does not implement).
 */
export function checkOptions(options: unknown, where: string, allowed: readonly string[], refused: Readonly<Record<string, string>> = {}): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new PipelineArgumentError(where, `expected an options object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if ((options as Record<string, unknown>)[key] === undefined) continue;
    if (Object.hasOwn(refused, key)) throw new PipelineArgumentError(`${where}.${key}`, `not supported: ${refused[key]}`);
    if (!allowed.includes(key)) throw new PipelineArgumentError(`${where}.${key}`, `unknown option (accepted: ${allowed.join(', ')})`);
  }
}

export function checkBoolean(value: unknown, argument: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new PipelineArgumentError(argument, `expected a boolean, got ${JSON.stringify(value)}`);
}
