import { existsSync } from 'node:fs';
import { AltCLIPConfig } from '@altclip/config';
import { CliError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

export const configCommand = defineCommand({
  name: 'config',
  summary: "Print a model folder's parsed AltCLIP configuration (every field, defaults filled in) as JSON.",
  usage: '<model dir | config.json>',
  options: {},
  async run(args, io) {
    const [target] = args.positionals;
    if (target === undefined) throw new CliError('expected a model folder or a config.json path');
    const path = resolvePath(io, target);
    if (!existsSync(path)) throw new CliError(`${target}: no such file or folder`);
    const config = await AltCLIPConfig.fromPretrained(path);
    // Every field, defaults included, formatted as HF formats config JSON (1e-05, not 0.00001).
    io.stdout(config.toJsonString(false));
  },
});
