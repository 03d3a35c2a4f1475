import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directoryFiles } from './directoryFiles.js';
import { NotAFileError } from '../io/NotAFileError.js';
import { FileByteSource } from './FileByteSource.js';

describe('FileByteSource refuses what is not a regular file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'altclip-notafile-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a directory named model.safetensors: NotAFileError, not a raw EISDIR', async () => {
    const model = join(dir, 'dir-model');
    await mkdir(join(model, 'model.safetensors'), { recursive: true });
    await writeFile(join(model, 'config.json'), '{}');
    const error = await FileByteSource.open(join(model, 'model.safetensors')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAFileError);
    expect((error as Error).message).toBe(`${join(model, 'model.safetensors')}: is a directory; expected a regular file`);
  });

  it.skipIf(process.platform === 'win32')('a FIFO named model.safetensors fails at once instead of waiting for a writer', async () => {
    const model = join(dir, 'fifo-model');
    await mkdir(model, { recursive: true });
    execFileSync('mkfifo', [join(model, 'model.safetensors')]);
    const error = await FileByteSource.open(join(model, 'model.safetensors')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAFileError);
    expect((error as NotAFileError).kind).toBe('a FIFO (named pipe)');
    await expect(directoryFiles(model).open('model.safetensors')).rejects.toThrow(/is a FIFO \(named pipe\); expected a regular file/);
  });
});
