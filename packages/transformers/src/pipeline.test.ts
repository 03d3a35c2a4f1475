import { fileURLToPath } from 'node:url';
import { type AltCLIPBackend, type Tensor, TowerNotLoadedError } from '@altclip/core';
import { fixtureUrl, loadFixture, ReferenceBackend, tolerancesFor } from '@altclip/core/parity';
import { describe, expect, it } from 'vitest';
import { PipelineArgumentError } from './errors/PipelineArgumentError.js';
import { pipeline } from './pipeline.js';

const dir = fileURLToPath(fixtureUrl());
const image = (name: string) => `${dir}/images/${name}`;
// fp32 bounds of the shared table: the pipeline decodes the fixture's image files itself.
const tol = tolerancesFor('*', 'fp32');

/** The reference backend, recording which towers it was asked to load. */
function countingBackend(): { backend: AltCLIPBackend; loaded: string[] } {
  const inner = new ReferenceBackend();
  const loaded: string[] = [];
  return {
    loaded,
    backend: {
      specificationVersion: inner.specificationVersion,
      name: inner.name,
      capabilities: inner.capabilities,
      loadTextTower: (...args) => {
        loaded.push('text');
        return inner.loadTextTower(...args);
      },
      loadVisionTower: (...args) => {
        loaded.push('vision');
        return inner.loadVisionTower(...args);
      },
    },
  };
}

function maxDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let m = 0;
  for (let i = 0; i < actual.length; i++) m = Math.max(m, Math.abs(actual[i] - expected[i]));
  return m;
}

/** Rows `rows` of a [n, …] golden tensor, optionally only the first `keep` entries along dim 1. */
function goldenRows(t: Tensor, rows: readonly number[], keep?: number): number[] {
  const per = t.size / t.dims[0];
  const inner = t.dims.length > 2 ? per / t.dims[1] : 1;
  return rows.flatMap((r) => Array.from((t.data as Float32Array).subarray(r * per, r * per + (keep === undefined ? per : keep * inner))));
}

describe('pipeline', async () => {
  const fixture = await loadFixture();
  const golden = (name: string) => fixture.expected.get(name)!;
  const texts = fixture.expectedJson.texts as string[];
  const batchIndex = new Map((fixture.expectedJson.images as { file: string; batch_index?: number }[]).map((i) => [i.file, i.batch_index!]));

  it("zero-shot-image-classification: scores are the softmax of HF's logits_per_image over the candidate labels, sorted", async () => {
    const { backend, loaded } = countingBackend();
    // The fixture's logits come from HF's slow tokenizer; the fast one differs on text 11's trailing spaces
    // (a documented HF slow/fast difference), so this comparison loads the same tokenizer HF used.
    const classifier = await pipeline('zero-shot-image-classification', dir, { backend, tokenizer: 'slow' });
    expect(loaded.sort()).toEqual(['text', 'vision']);
    // Texts 0-13: HF tokenised them without reaching its max_length of 64, so their logits columns are exactly these labels'.
    const labels = texts.slice(0, 14);
    const files = ['chelsea.png', 'astronaut.png', 'chelsea.jpg'];
    const results = await classifier(files.map(image), labels, { hypothesisTemplate: '{}' });
    expect(results).toHaveLength(files.length);
    const logits = golden('model/logits_per_image');
    files.forEach((file, k) => {
      const row = goldenRows(logits, [batchIndex.get(file)!]).slice(0, labels.length);
      const max = Math.max(...row);
      const exps = row.map((l) => Math.exp(l - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      const expected = new Map(labels.map((l, i) => [l, exps[i] / sum]));
      const got = results[k];
      expect(got.map((r) => r.label).sort()).toEqual([...labels].sort());
      for (let i = 1; i < got.length; i++) expect(got[i - 1].score).toBeGreaterThanOrEqual(got[i].score);
      // softmax moves no probability by more than the largest logit error.
      for (const { label, score } of got) expect(Math.abs(score - expected.get(label)!)).toBeLessThan(tol.logits);
    });
    // One image (not an array) gives one list.
    const single = await classifier(image('chelsea.png'), labels.slice(0, 3), { hypothesisTemplate: '{}' });
    expect(single.map((r) => typeof r.score)).toEqual(['number', 'number', 'number']);
    await classifier.dispose();
  });

  it('zero-shot-image-classification: the default template is HF\'s "This is a photo of {}." and bad arguments are refused by name', async () => {
    const classifier = await pipeline('zero-shot-image-classification', dir, { backend: new ReferenceBackend() });
    const seen: string[][] = [];
    const call = classifier.processor.tokenizer.batchEncodePlus.bind(classifier.processor.tokenizer);
    classifier.processor.tokenizer.batchEncodePlus = (t, o) => {
      seen.push([...t]);
      return call(t, o);
    };
    const out = await classifier(image('chelsea.png'), ['cat', 'dog']);
    expect(out).toHaveLength(2);
    expect(seen).toEqual([['This is a photo of cat.', 'This is a photo of dog.']]);
    await expect(classifier(image('chelsea.png'), [])).rejects.toThrow(PipelineArgumentError);
    await expect(classifier(image('chelsea.png'), ['a'], { hypothesis_template: '{}' } as never)).rejects.toThrow(/options.hypothesis_template: not supported: use 'hypothesisTemplate'/);
    await expect(classifier(image('chelsea.png'), ['a'], { topk: 1 } as never)).rejects.toThrow(/options.topk: unknown option/);
    await expect(classifier(image('chelsea.png'), ['a'], { hypothesisTemplate: 'a {label}' })).rejects.toThrow(/hypothesisTemplate/);
    await classifier.dispose();
  });

  it("feature-extraction loads only the text tower; pooling/normalize give HF's get_text_features, text_embeds, pooler_output and last_hidden_state", async () => {
    const { backend, loaded } = countingBackend();
    const extractor = await pipeline('feature-extraction', dir, { backend });
    expect(loaded).toEqual(['text']);
    const rows = [0, 1, 2];
    const some = rows.map((i) => texts[i]);
    const projected = await extractor(some);
    expect(projected.dims).toEqual([3, 16]);
    expect(maxDiff(projected.data, goldenRows(golden('model/get_text_features'), rows))).toBeLessThan(tol.embeddings);
    expect(maxDiff((await extractor(some, { normalize: true })).data, goldenRows(golden('model/text_embeds'), rows))).toBeLessThan(tol.embeddings);
    expect(maxDiff((await extractor(some, { pooling: 'cls' })).data, goldenRows(golden('text_model/pooler_output'), rows))).toBeLessThan(tol.hiddenStates);
    const none = await extractor(some, { pooling: 'none' });
    const seq = none.dims[1];
    expect(none.dims).toEqual([3, seq, 24]);
    // HF padded this batch to 64; the positions up to our longest text are the same tokens.
    expect(maxDiff(none.data, goldenRows(golden('text_model/last_hidden_state'), rows, seq))).toBeLessThan(tol.hiddenStates);
    // mean: HF's last_hidden_state averaged over HF's attention mask (computed here, independently).
    const hidden = golden('text_model/last_hidden_state');
    const mask = golden('tokenizer/batch/attention_mask').data as BigInt64Array;
    const expectedMean = rows.flatMap((r) => {
      const acc = new Array<number>(24).fill(0);
      let n = 0;
      for (let s = 0; s < 64; s++) {
        if (mask[r * 64 + s] === 0n) continue;
        n++;
        for (let d = 0; d < 24; d++) acc[d] += (hidden.data as Float32Array)[(r * 64 + s) * 24 + d];
      }
      return acc.map((v) => v / n);
    });
    expect(maxDiff((await extractor(some, { pooling: 'mean' })).data, expectedMean)).toBeLessThan(tol.hiddenStates);
    // One text → one row.
    expect((await extractor(texts[0])).dims).toEqual([1, 16]);
    await expect(extractor(some, { pooling: 'eos' as never })).rejects.toThrow(PipelineArgumentError);
    await expect(extractor(some, { quantize: true } as never)).rejects.toThrow(/options.quantize: not supported/);
    await expect(extractor(some, { normalize: 'yes' } as never)).rejects.toThrow(/normalize: expected a boolean/);
    await expect(extractor.model.getImageFeatures({ pixelValues: golden('image/pixel_values_batch') })).rejects.toThrow(TowerNotLoadedError);
    await extractor.dispose();
  });

  it("image-feature-extraction loads only the vision tower and gives HF's get_image_features, image_embeds, pooler_output, last_hidden_state", async () => {
    const { backend, loaded } = countingBackend();
    const extractor = await pipeline('image-feature-extraction', dir, { backend });
    expect(loaded).toEqual(['vision']);
    const files = ['chelsea.png', 'astronaut.png'];
    const rows = files.map((f) => batchIndex.get(f)!);
    const inputs = files.map(image);
    expect(maxDiff((await extractor(inputs)).data, goldenRows(golden('model/get_image_features'), rows))).toBeLessThan(tol.embeddings);
    expect(maxDiff((await extractor(inputs, { normalize: true })).data, goldenRows(golden('model/image_embeds'), rows))).toBeLessThan(tol.embeddings);
    expect(maxDiff((await extractor(inputs, { pool: true })).data, goldenRows(golden('vision_model/pooler_output'), rows))).toBeLessThan(tol.hiddenStates);
    expect(maxDiff((await extractor(inputs, { pooling: 'none' })).data, goldenRows(golden('vision_model/last_hidden_state'), rows))).toBeLessThan(tol.hiddenStates);
    await expect(extractor(inputs, { pooling: 'mean' as never })).rejects.toThrow(PipelineArgumentError);
    await expect(extractor(inputs, { pool: true, pooling: 'cls' })).rejects.toThrow(/either 'pool'/);
    await extractor.dispose();
  });

  it('refuses unknown tasks, a missing backend and unknown or transformers.js-only load options, by name', async () => {
    await expect(pipeline('text-generation' as never, dir, { backend: new ReferenceBackend() })).rejects.toThrow(/task: unsupported task "text-generation"/);
    await expect(pipeline('feature-extraction', dir, {} as never)).rejects.toThrow(/options.backend: required/);
    await expect(pipeline('feature-extraction', dir, { backend: new ReferenceBackend(), device: 'webgpu' } as never)).rejects.toThrow(/options.device: not supported/);
    await expect(pipeline('feature-extraction', dir, { backend: new ReferenceBackend(), revison: 'main' } as never)).rejects.toThrow(/options.revison: unknown option/);
    await expect(pipeline('feature-extraction', dir, { backend: new ReferenceBackend(), tokenizer: 'rust' } as never)).rejects.toThrow(PipelineArgumentError);
  });
});
