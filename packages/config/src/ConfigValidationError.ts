/** One thing wrong with a config: the dotted field path, what was expected, what was found. */
export interface ConfigProblem {
  /** Dotted path of the field, e.g. `vision_config.patch_size`; empty for the whole document. */
  readonly field: string;
  /** What a valid value looks like, e.g. `a positive integer` or `a divisor of image_size (224)`. */
  readonly expected: string;
  readonly actual: unknown;
}

const MAX_SHOWN = 200;
const NON_FINITE = '\u0000nonfinite:';

/**
 * The value as Python's json would write it: NaN and ±Infinity by name (JSON.stringify would print `null`, so
 * `1e400` — Python's inf — was reported as "got null"), and cut short so that a huge value cannot blow up the
 * message.
 */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    const json = JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? `${NON_FINITE}${v}` : v));
    text = json === undefined ? String(value) : json.replace(/"\\u0000nonfinite:([^"]*)"/g, '$1');
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.field || '(config)'}: expected ${p.expected}, got ${show(p.actual)}`;
}

/** Every problem found in a config at once, so a broken file is fixed in one pass, not one error per run. */
export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';
  readonly problems: readonly ConfigProblem[];
  /** The file, URL or argument the config came from. */
  readonly source: string;

  constructor(problems: readonly ConfigProblem[], source = 'config') {
    const n = problems.length;
    super(`${source}: invalid config (${n} problem${n === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.problems = problems;
    this.source = source;
  }
}
