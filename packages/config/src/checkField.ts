import { HF_ACTIVATION_NAMES, isHFActivationName } from './activations.js';
import type { FieldSpec } from './ConfigSchema.js';
import type { ConfigProblem } from './ConfigValidationError.js';

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function isTokenId(v: unknown): boolean {
  return v === null || (isInt(v) && v >= 0);
}

/** The problem with one field value, or undefined when it is valid for its spec. */
export function checkField(field: string, spec: FieldSpec, value: unknown): ConfigProblem | undefined {
  const problem = (expected: string): ConfigProblem => ({ field, expected, actual: value });
  switch (spec.kind) {
    case 'int':
      if (!isInt(value)) return problem(spec.positive ? 'a positive integer' : 'an integer');
      if (spec.positive && value <= 0) return problem('a positive integer');
      return undefined;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem(spec.positive ? 'a positive number' : 'a finite number');
      if (spec.positive && value <= 0) return problem('a positive number');
      return undefined;
    case 'probability':
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) return problem('a probability between 0 and 1');
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : problem('true or false');
    case 'string':
      if (typeof value !== 'string') return problem(spec.oneOf ? `one of ${spec.oneOf.map((s) => `"${s}"`).join(', ')}` : 'a string');
      if (spec.oneOf && !spec.oneOf.includes(value)) return problem(`one of ${spec.oneOf.map((s) => `"${s}"`).join(', ')}`);
      return undefined;
    case 'activation':
      return isHFActivationName(value)
        ? undefined
        : problem(`an activation name HF knows (${HF_ACTIVATION_NAMES.map((s) => `"${s}"`).join(', ')})`);
    case 'token_id':
      // HF lets eos_token_id be a list (generation stops at any of them).
      if (isTokenId(value)) return undefined;
      if (field.endsWith('eos_token_id') && Array.isArray(value) && value.length > 0 && value.every(isTokenId)) return undefined;
      return problem('a non-negative integer token id or null');
  }
}
