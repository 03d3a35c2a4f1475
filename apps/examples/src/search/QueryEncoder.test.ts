import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embeddingSpace } from '../store/embeddingSpace.js';
import { fixtureDir, fixtureExpected } from '../testing/captureIO.js';
import { QueryEncoder, QueryImageError } from './QueryEncoder.js';

function row(data: Float32Array, dim: number, n: number): Float32Array {
  return data.subarray(n * dim, (n + 1) * dim);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

describe('QueryEncoder', () => {
  it("loads the text tower alone for text queries, the vision tower at the first image query; vectors equal HF's", async () => {
    const encoder = await QueryEncoder.load(await embeddingSpace(fixtureDir, 'fp32', '/nowhere'), 'onnx');
    try {
      expect(encoder.loadedTowers).toEqual([]);
      const texts = JSON.parse(readFileSync(`${fixtureDir}/texts.json`, 'utf8')) as string[];
      const expected = await fixtureExpected();
      const textEmbeds = expected.get('model/text_embeds')!;
      const dim = textEmbeds.dims[1];
      // Text 14 is longer than the model's 64 positions: truncated, as the fixture's batch was.
      const picked = [0, 1, 4, 14];
      const got = await encoder.texts(picked.map((i) => texts[i]));
      expect(encoder.loadedTowers).toEqual(['text']);
      for (const [k, i] of picked.entries()) expect(maxDiff(got[k], row(textEmbeds.data as Float32Array, dim, i)), texts[i].slice(0, 20)).toBeLessThanOrEqual(1e-5);

      // Bytes that are no image are refused before the vision tower is loaded for them.
      await expect(encoder.image(new TextEncoder().encode('not an image'))).rejects.toThrow(QueryImageError);
      expect(encoder.loadedTowers).toEqual(['text']);

      // chelsea.png is index 1 of the fixture's image batch.
      const image = await encoder.image(new Uint8Array(readFileSync(`${fixtureDir}/images/chelsea.png`)));
      expect(encoder.loadedTowers).toEqual(['text', 'vision']);
      expect(maxDiff(image, row(expected.get('model/image_embeds')!.data as Float32Array, dim, 1))).toBeLessThanOrEqual(1e-5);
    } finally {
      await encoder.dispose();
    }
    expect(encoder.loadedTowers).toEqual([]);
  }, 60_000);
});
