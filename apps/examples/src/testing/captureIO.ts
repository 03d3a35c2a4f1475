import { fileURLToPath } from 'node:url';
import type { CommandIO } from '../cli/Command.js';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const fixtureDir = `${repoRoot}fixtures/altclip-tiny`;

export interface CapturedIO extends CommandIO {
  out: string;
  err: string;
}

/** A CommandIO that records what a command prints, resolving paths from the repository root. */
export function captureIO(cwd = repoRoot): CapturedIO {
  const io: CapturedIO = {
    out: '',
    err: '',
    cwd,
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
  };
  return io;
}
