import { describe, expect, it } from 'vitest';
import { DemoInputError } from '../DemoInputError.js';
import { pickedFile, pickedModelFiles } from './pickedModelFiles.js';

/** A File as `<input webkitdirectory>` gives it (the path starts with the picked folder's name), as the page passes it on. */
function picked(path: string, content: string) {
  const file = new File([content], path.split('/').pop()!);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return pickedFile(file);
}

describe('pickedModelFiles', () => {
  const files = pickedModelFiles([picked('my-model/config.json', '{"a":1}'), picked('my-model/model.safetensors', '0123456789')]);

  it('opens files by their name inside the picked folder, and is named after it', async () => {
    expect(files.name).toBe('my-model');
    const config = await files.open('config.json');
    expect(new TextDecoder().decode(await config!.read(0, config!.size))).toBe('{"a":1}');
  });

  it('reads byte ranges without reading the whole file', async () => {
    const weights = await files.open('model.safetensors');
    expect(weights!.size).toBe(10);
    expect(new TextDecoder().decode(await weights!.read(3, 4))).toBe('3456');
    await expect(weights!.read(8, 4)).rejects.toThrow(/my-model\/model.safetensors: cannot read 4 bytes at offset 8; the file has 10 bytes/);
  });

  it('answers null for a file the folder does not have', async () => {
    expect(await files.open('pytorch_model.bin')).toBeNull();
  });

  it('refuses a folder without config.json at its top level, naming it', () => {
    expect(() => pickedModelFiles([picked('models/altclip/config.json', '{}')])).toThrow(DemoInputError);
    expect(() => pickedModelFiles([picked('models/altclip/config.json', '{}')])).toThrow(/"models" has no config.json at its top level/);
  });
});
