export type { Command, CommandIO } from './cli/Command.js';
export { runCli } from './cli/runCli.js';
