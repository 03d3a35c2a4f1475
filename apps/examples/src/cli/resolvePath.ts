import { isAbsolute, resolve } from 'node:path';
import type { CommandIO } from './Command.js';

export function resolvePath(io: CommandIO, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}
