import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotAFileError } from '@altclip/hub';
import { afterAll, describe, expect, it } from 'vitest';
import { AltCLIPModel } from './AltCLIPModel.js';

// The byte source itself is tested in @altclip/hub; this checks that the model's loader surfaces its typed error.
describe('AltCLIPModel.fromPretrained with something other than a file where the weights should be', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'altclip-notafile-model-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a directory named model.safetensors: NotAFileError, not a raw EISDIR', async () => {
    const model = join(dir, 'dir-model');
    await mkdir(join(model, 'model.safetensors'), { recursive: true });
    await writeFile(join(model, 'config.json'), '{}');
    await expect(AltCLIPModel.fromPretrained(model)).rejects.toThrow(NotAFileError);
  });
});
