import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidImageError } from '../../errors/InvalidImageError.js';
import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';
import { ProcessorInputError } from '../../errors/ProcessorInputError.js';
import { fixtureBytes } from '../../test-support/fixture.js';
import { CLIPImageProcessor } from '../CLIPImageProcessor.js';

// HF transformers 4.47.1's CLIPImageProcessor with the same per-call arguments (scripts/generate-call-options.py).
const expected = JSON.parse(readFileSync(new URL('../../__fixtures__/call-options.slow.json', import.meta.url), 'utf8'));
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface ImageCase {
  name: string;
  image: string;
  options: Record<string, unknown>;
  shape: number[];
  pixelValues: number[];
}

describe('CLIPImageProcessor per-call overrides (HF preprocess arguments)', async () => {
  const processor = CLIPImageProcessor.fromDict(JSON.parse(new TextDecoder().decode(await fixtureBytes('preprocessor_config.json'))));

  for (const c of expected.imageOverrides as ImageCase[]) {
    it(c.name, async () => {
      const options = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [camel(k), v]));
      const { pixelValues } = await processor.process(await fixtureBytes(`images/${c.image}`), options);
      expect(pixelValues.dims).toEqual(c.shape);
      // PNG decoding and the PIL resize are exact here, so HF's float32 values come out bit for bit.
      expect(Array.from(pixelValues.data)).toEqual(c.pixelValues.map(Math.fround));
    });
  }

  it('doConvertRgb: false refuses a non-RGB image, as HF fails on it', async () => {
    await expect(processor.process(await fixtureBytes('images/gray_L_97x61.png'), { doConvertRgb: false })).rejects.toThrow(InvalidImageError);
  });

  it("does not change the processor's own settings", async () => {
    await processor.process(await fixtureBytes('images/tiny_7x5.png'), { doCenterCrop: false, size: { height: 7, width: 9 } });
    expect(processor.config.doCenterCrop).toBe(true);
    expect((await processor.process(await fixtureBytes('images/tiny_7x5.png'))).pixelValues.dims).toEqual([1, 3, 30, 30]);
  });

  it('refuses unknown, unused and malformed options by name', async () => {
    const png = await fixtureBytes('images/tiny_7x5.png');
    await expect(processor.process(png, { doCenterCrp: false } as never)).rejects.toThrow(/unknown option 'doCenterCrp'/);
    await expect(processor.process(png, { do_center_crop: false } as never)).rejects.toThrow(ProcessorInputError);
    await expect(processor.process(png, { doPad: true } as never)).rejects.toThrow(/doPad' is not supported/);
    await expect(processor.process(png, { sizeDivisor: 32 } as never)).rejects.toThrow(/sizeDivisor/);
    await expect(processor.process(png, { padSize: { height: 32, width: 32 } } as never)).rejects.toThrow(/padSize/);
    await expect(processor.process(png, { inputDataFormat: 'channels_last' } as never)).rejects.toThrow(/inputDataFormat/);
    await expect(processor.process(png, { dataFormat: 'channels_last' } as never)).rejects.toThrow(/dataFormat/);
    await expect(processor.process(png, { size: { width: 3 } })).rejects.toThrow(ProcessorConfigError);
    await expect(processor.process(png, { resample: 9 })).rejects.toThrow(/resample/);
    await expect(processor.process(png, { doResize: 'yes' } as never)).rejects.toThrow(/do_resize must be true or false/);
    await expect(processor.process(png, { returnTensors: 'pt' } as never)).rejects.toThrow(/returnTensors' is not supported: pixelValues is always a float32 tensor/);
  });
});
