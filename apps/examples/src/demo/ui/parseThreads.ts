import { DemoInputError } from '../DemoInputError.js';

/** The wasm threads field: a whole number ≥ 1, or blank for ORT's default. */
export function parseThreads(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new DemoInputError(`threads: expected a whole number ≥ 1 or blank for the default, got "${text}"`);
  return n;
}
