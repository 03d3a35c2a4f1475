import { describe, expect, it } from 'vitest';
import { readSafetensors } from '../safetensors/index.js';
import { defaultFixtureLoader } from '../../testing/loadFixture.js';
import { readTorchCheckpoint } from './readTorchCheckpoint.js';

// The reader needs no Node API: the fixture is fetched from the vitest browser server and read in Chromium.
describe('readTorchCheckpoint in a browser', () => {
  it('pytorch_model.bin and model.safetensors hold identical tensors', async () => {
    const load = defaultFixtureLoader();
    const [torch, safetensors] = await Promise.all([
      load('pytorch_model.bin').then((bytes) => readTorchCheckpoint(bytes)),
      load('model.safetensors').then((bytes) => readSafetensors(bytes)),
    ]);
    expect(torch.size).toBe(safetensors.size);
    for (const [name, expected] of safetensors) {
      const actual = torch.get(name)!;
      expect(actual.dims, name).toEqual(expected.dims);
      expect(new Uint8Array(actual.data.buffer, actual.data.byteOffset, actual.data.byteLength), name).toEqual(
        new Uint8Array(expected.data.buffer, expected.data.byteOffset, expected.data.byteLength),
      );
    }
  });
});
