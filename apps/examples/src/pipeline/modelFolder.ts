import { existsSync, statSync } from 'node:fs';
import { CliError } from '../cli/CliError.js';
import type { CommandIO } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

/** A local model folder given on the command line; hub ids are told apart by not existing locally. */
export function modelFolder(io: CommandIO, model: string): string {
  const path = resolvePath(io, model);
  if (!existsSync(path)) throw new CliError(`model folder "${model}" does not exist`);
  if (!statSync(path).isDirectory()) throw new CliError(`--model ${model}: expected a model folder, found a file`);
  return path;
}

/** `owner/name` as the Hugging Face hub spells repository ids. */
export function looksLikeHubId(model: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(model) && !model.startsWith('.');
}
