import type { OptionSpec, ParsedArgs } from './parseArgs.js';

/** Where a command writes: results on stdout, progress and diagnostics on stderr. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves relative paths given on the command line. */
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  /** e.g. `--model <dir> --image <file> --labels <l1> <l2> …` */
  usage: string;
  options: Record<string, OptionSpec>;
  run(args: ParsedArgs, io: CommandIO): Promise<void>;
}

export function defineCommand(command: Command): Command {
  return command;
}
