import { TokenizerFileError } from '../TokenizerError.js';

/**
 * Field checks for tokenizer.json: a value of the wrong JSON type is a TokenizerFileError naming the
 * field and what was expected (Rust's serde refuses such files too), never a TypeError later.
 */
const FILE = 'tokenizer.json';

const describe = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : JSON.stringify(v)?.slice(0, 40));

export function fieldError(path: string, expected: string, value: unknown): TokenizerFileError {
  return new TokenizerFileError(FILE, `${path} must be ${expected}, got ${describe(value)}`);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function expectObject(v: unknown, path: string): Record<string, unknown> {
  if (!isObject(v)) throw fieldError(path, 'an object', v);
  return v;
}

export function expectArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw fieldError(path, 'an array', v);
  return v;
}

export function expectString(v: unknown, path: string): string {
  if (typeof v !== 'string') throw fieldError(path, 'a string', v);
  return v;
}

/** A token id: a non-negative integer below 2^32 (Rust's u32). */
export function expectId(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 2 ** 32) throw fieldError(path, 'a token id (integer 0 … 2^32-1)', v);
  return v;
}

/** Optional boolean: absent or null gives `fallback`. */
export function optionalBoolean(v: unknown, path: string, fallback: boolean): boolean {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw fieldError(path, 'true or false', v);
  return v;
}
