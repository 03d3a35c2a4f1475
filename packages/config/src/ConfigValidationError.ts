/** One thing wrong with a config: the dotted field path, what was expected, what was found. */
export interface ConfigProblem {
  /** Dotted path of the field, e.g. `vision_config.patch_size`; empty for the whole document. */
  readonly field: string;
  /** What a valid value looks like, e.g. `a positive integer` or `a divisor of image_size (224)`. */
  readonly expected: string;
  readonly actual: unknown;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
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
