import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors/InputValidationError.js';
import { Tensor } from '../tensor/Tensor.js';
import { loadFixture } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';
import { AltCLIPModel } from './AltCLIPModel.js';
import { AltCLIPTextModel } from './AltCLIPTextModel.js';
import { AltCLIPVisionModel } from './AltCLIPVisionModel.js';

// Python refuses unexpected keyword arguments (TypeError); a JS object's extra keys would otherwise be ignored.
describe('model inputs: unknown or unsupported keys are refused by name', async () => {
  const fixture = await loadFixture();
  const backend = new ReferenceBackend();
  const model = await AltCLIPModel.fromWeights(fixture.config, fixture.weights, { backend });
  const inputIds = [[0, 5, 2]];
  const pixelValues = new Tensor('float32', new Float32Array(3 * 30 * 30), [1, 3, 30, 30]);

  it('AltCLIPModel.forward', async () => {
    await expect(model.forward({ inputIds, pixelValues, output_hidden_states: true } as never)).rejects.toThrow(/camelCase here: 'outputHiddenStates'/);
    await expect(model.forward({ inputIds, pixelValues, returnDict: false } as never)).rejects.toThrow(/returnDict' is not supported/);
    await expect(model.forward({ inputIds, pixelValues, specialTokensMask: [[1, 0, 1]] } as never)).rejects.toThrow(InputValidationError);
  });

  it('getTextFeatures / getImageFeatures / encodeText / encodeImages', async () => {
    await expect(model.getTextFeatures({ inputIds, pixelValues } as never)).rejects.toThrow(/getTextFeatures: unexpected input 'pixelValues'/);
    await expect(model.getImageFeatures({ pixelValues, inputsEmbeds: [] } as never)).rejects.toThrow(/inputsEmbeds' is not supported/);
    await expect(model.encodeText({ inputIds, headMask: [] } as never)).rejects.toThrow(InputValidationError);
    await expect(model.encodeImages({ pixelValues, interpolate_pos_encoding: true } as never)).rejects.toThrow(/interpolatePosEncoding/);
  });

  it('AltCLIPTextModel.forward / AltCLIPVisionModel.forward', async () => {
    const text = await AltCLIPTextModel.fromWeights(fixture.config.text_config, new Map(), { backend, onWarning: () => {} });
    const vision = await AltCLIPVisionModel.fromConfig(fixture.config.vision_config, { backend });
    await expect(text.forward({ inputIds, attention_mask: [[1, 1, 1]] } as never)).rejects.toThrow(/'attentionMask'/);
    await expect(vision.forward({ pixelValues, returnLoss: true } as never)).rejects.toThrow(/unexpected input 'returnLoss'/);
  });
});

describe('load options: unknown or unsupported keys are refused by name', async () => {
  const fixture = await loadFixture();
  const backend = new ReferenceBackend();

  it('fromPretrained / fromWeights / fromConfig of every model class', async () => {
    await expect(AltCLIPModel.fromPretrained(fixture.files, { backend, torch_dtype: 'float16' } as never)).rejects.toThrow(/torch_dtype' is not supported: use 'dtype'/);
    await expect(AltCLIPModel.fromPretrained(fixture.files, { backend, output_hidden_states: true } as never)).rejects.toThrow(/per call/);
    await expect(AltCLIPModel.fromWeights(fixture.config, fixture.weights, { backend, local_files_only: true } as never)).rejects.toThrow(/camelCase here: 'localFilesOnly'/);
    await expect(AltCLIPModel.fromConfig(fixture.config, { backend, sed: 1 } as never)).rejects.toThrow(/unknown option 'sed'/);
    await expect(AltCLIPTextModel.fromPretrained(fixture.files, { backend, towers: ['text'] } as never)).rejects.toThrow(/unknown option 'towers'/);
    await expect(AltCLIPVisionModel.fromConfig(fixture.config.vision_config, { backend, deviceMap: 'auto' } as never)).rejects.toThrow(InputValidationError);
  });
});

