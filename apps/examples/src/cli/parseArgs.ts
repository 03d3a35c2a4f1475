import { UsageError } from './CliError.js';

export interface OptionSpec {
  /** 'string' takes one value, 'list' every value up to the next `--option`, 'boolean' none. */
  type: 'string' | 'list' | 'boolean' | 'number';
  description: string;
  required?: boolean;
  default?: string | number | boolean;
  valueName?: string;
}

export type ParsedOptions = Record<string, string | string[] | boolean | number | undefined>;

export interface ParsedArgs {
  options: ParsedOptions;
  positionals: string[];
  help: boolean;
}

/**
 * Parses `--name value`, `--name=value`, `--list a b c` (values up to the next `--…`) and positionals.
 * node:util's parseArgs cannot take several values after one flag, which `--labels cat dog` needs.
 */
export function parseArgs(argv: readonly string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const options: ParsedOptions = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const opt = spec[name];
    if (!opt) throw new UsageError(`unknown option --${name} (see --help)`);
    if (opt.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value`);
      options[name] = true;
      continue;
    }
    if (opt.type === 'list') {
      const values = inline !== undefined ? [inline] : [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) values.push(argv[++i]);
      if (values.length === 0) throw new UsageError(`option --${name} needs at least one ${opt.valueName ?? 'value'}`);
      options[name] = [...((options[name] as string[] | undefined) ?? []), ...values];
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) {
        throw new UsageError(`option --${name} needs a ${opt.valueName ?? 'value'}`);
      }
      value = argv[++i];
    }
    if (opt.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`option --${name} expects a number, got "${value}"`);
      options[name] = n;
    } else {
      options[name] = value;
    }
  }
  if (!help) {
    for (const [name, opt] of Object.entries(spec)) {
      if (options[name] === undefined && opt.default !== undefined) options[name] = opt.default;
      if (opt.required && options[name] === undefined) throw new UsageError(`missing required option --${name}`);
    }
  }
  return { options, positionals, help };
}
