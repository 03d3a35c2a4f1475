import { commands } from '../commands/index.js';
import { CliError } from './CliError.js';
import type { CommandIO } from './Command.js';
import { commandHelp, mainHelp } from './helpText.js';
import { parseArgs } from './parseArgs.js';

const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // pnpm runs root scripts from the repository root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
};

/** Runs one CLI invocation and returns the exit code; errors become one line on stderr. */
export async function runCli(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`altclip: unknown command "${name}" (commands: ${commands.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  try {
    const args = parseArgs(rest, command.options);
    if (args.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    await command.run(args, io);
    return 0;
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : 1;
    const message = error instanceof Error ? `${error.name === 'Error' || error instanceof CliError ? '' : `${error.name}: `}${error.message}` : String(error);
    io.stderr(`altclip ${name}: ${message.trim().replace(/\s*\n\s*/g, '; ')}\n`);
    if (process.env.ALTCLIP_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return exitCode;
  }
}
