export { runCli } from './cli/runCli.js';
export type { Command, CommandIO } from './cli/Command.js';
