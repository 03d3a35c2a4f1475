import { AltCLIPModel, toFloat32 } from '@altclip/core';
import { createReferenceBackend } from '@altclip/core/parity';
import { AltCLIPProcessor } from '@altclip/processor';
import { describe, expect, it } from 'vitest';
import { fixtureDir, fixtureExpected } from '../testing/captureIO.js';

// The README's library example: a processor's output goes into model.forward as it is.
describe('processor output → model.forward', () => {
  it("gives HF's logits for the fixture texts and a PNG", async () => {
    const processor = await AltCLIPProcessor.fromPretrained(fixtureDir, { prefer: 'slow' });
    const { readFile } = await import('node:fs/promises');
    const texts = JSON.parse(await readFile(`${fixtureDir}/texts.json`, 'utf8')) as string[];
    const inputs = await processor({ text: texts, images: [`${fixtureDir}/images/chelsea.png`], padding: true, truncation: true, maxLength: 64, returnTensors: 'int64' });
    const model = await AltCLIPModel.fromPretrained(fixtureDir, { backend: createReferenceBackend() });
    try {
      const { logitsPerImage } = await model.forward(inputs);
      // chelsea.png is row 1 of the fixture's logits_per_image.
      const expected = toFloat32((await fixtureExpected()).get('model/logits_per_image')!);
      const want = expected.data.subarray(texts.length, 2 * texts.length);
      let max = 0;
      for (let i = 0; i < texts.length; i++) max = Math.max(max, Math.abs(logitsPerImage.data[i] - want[i]));
      expect(max).toBeLessThanOrEqual(1e-4);
    } finally {
      await model.dispose();
    }
  }, 60_000);
});
