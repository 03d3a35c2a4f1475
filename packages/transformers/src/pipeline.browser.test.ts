import { fixtureUrl, loadFixture, ReferenceBackend, tolerancesFor } from '@altclip/core/parity';
import { describe, expect, it } from 'vitest';
import { pipeline } from './pipeline.js';

// The entry package in Chromium: the fixture's files are fetched from the vitest browser server (ModelFiles),
// images by URL; scores and features compared with HF's as in the Node test.
describe('pipeline (browser)', async () => {
  const fixture = await loadFixture();
  const golden = (name: string) => fixture.expected.get(name)!.data as Float32Array;
  const texts = fixture.expectedJson.texts as string[];
  const image = new URL('images/chelsea.png', fixtureUrl()).href;
  const row = (fixture.expectedJson.images as { file: string; batch_index: number }[]).find((i) => i.file === 'chelsea.png')!.batch_index;
  const tol = tolerancesFor('*', 'fp32');

  it('zero-shot-image-classification gives the softmax of HF logits_per_image', async () => {
    const classifier = await pipeline('zero-shot-image-classification', fixture.files, { backend: new ReferenceBackend(), tokenizer: 'slow' });
    const labels = texts.slice(0, 3);
    const got = await classifier(image, labels, { hypothesisTemplate: '{}' });
    const logits = Array.from(golden('model/logits_per_image').subarray(row * 15, row * 15 + 3));
    const exps = logits.map((l) => Math.exp(l - Math.max(...logits)));
    const sum = exps.reduce((a, b) => a + b, 0);
    for (const { label, score } of got) expect(Math.abs(score - exps[labels.indexOf(label)] / sum)).toBeLessThan(tol.logits);
    await classifier.dispose();
  });

  it("feature-extraction (text tower only) gives HF's get_text_features", async () => {
    const extractor = await pipeline('feature-extraction', fixture.files, { backend: new ReferenceBackend() });
    const out = await extractor(texts[0]);
    const expected = golden('model/get_text_features').subarray(0, 16);
    out.toArray().forEach((v, i) => {
      expect(Math.abs(v - expected[i])).toBeLessThan(tol.embeddings);
    });
    await extractor.dispose();
  });
});
