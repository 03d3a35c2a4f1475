import { readFileSync } from 'node:fs';
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

/** The fixture's golden tensors (expected.safetensors), read once. */
let expected: Promise<Map<string, import('@altclip/core').Tensor>> | undefined;
export function fixtureExpected(): Promise<Map<string, import('@altclip/core').Tensor>> {
  expected ??= (async () => {
    const [{ readFile }, { readSafetensors }] = await Promise.all([import('node:fs/promises'), import('@altclip/core')]);
    return readSafetensors(new Uint8Array(await readFile(`${fixtureDir}/expected.safetensors`)));
  })();
  return expected;
}

export interface FixtureImage {
  file: string;
  batch_index: number;
  format: string;
}

export function fixtureImages(): FixtureImage[] {
  const json = JSON.parse(readFileSync(`${fixtureDir}/expected.json`, 'utf8')) as { images: (FixtureImage & { in_model_batch: boolean })[] };
  return json.images.filter((i) => i.in_model_batch).sort((a, b) => a.batch_index - b.batch_index);
}
