import { describe, expect, it } from 'vitest';
import type { AltCLIPBackend, TextTower } from '../backend/AltCLIPBackend.js';
import { AltCLIPModel } from '../model/AltCLIPModel.js';
import { Tensor } from '../tensor/Tensor.js';
import { compareTensors, top1Disagreements } from './compareTensors.js';
import { loadFixture } from './loadFixture.js';
import { ReferenceBackend } from './reference/ReferenceBackend.js';
import { tolerancesFor } from './tolerances.js';

describe('compareTensors', () => {
  it('reports shape mismatches, NaN and the worst element', () => {
    const e = new Tensor('float32', new Float32Array([1, 2, 3]), [3]);
    expect(compareTensors('x', new Tensor('float32', new Float32Array([1, 2]), [2]), e, 1).ok).toBe(false);
    expect(compareTensors('x', new Tensor('float32', new Float32Array([1, Number.NaN, 3]), [3]), e, 1).ok).toBe(false);
    const r = compareTensors('x', new Tensor('float32', new Float32Array([1, 2.5, 3.1]), [3]), e, 0.6);
    expect(r.ok).toBe(true);
    expect(r.maxAbsDiff).toBeCloseTo(0.5, 6);
  });

  it('counts top-1 changes only where the golden margin is clear', () => {
    const expected = new Tensor('float32', new Float32Array([3, 1, 2, 2.01]), [2, 2]);
    const actual = new Tensor('float32', new Float32Array([1, 3, 2.02, 2]), [2, 2]);
    expect(top1Disagreements(actual, expected, 0.1)).toEqual([0]);
  });

  it('catches a backend that ignores the attention mask (the suite is not vacuous)', async () => {
    const fixture = await loadFixture();
    const reference = new ReferenceBackend();
    const maskless: AltCLIPBackend = {
      ...reference,
      specificationVersion: reference.specificationVersion,
      name: 'maskless',
      capabilities: reference.capabilities,
      loadVisionTower: (c, w) => reference.loadVisionTower(c, w),
      async loadTextTower(config, weights): Promise<TextTower> {
        const tower = await reference.loadTextTower(config, weights);
        return {
          run: (inputs, options) => tower.run({ ...inputs, additiveMask: new Tensor('float32', new Float32Array(inputs.additiveMask.size), inputs.additiveMask.dims) }, options),
          dispose: () => tower.dispose(),
        };
      },
    };
    const model = await AltCLIPModel.fromPretrained(fixture.files, { backend: maskless });
    const features = await model.getTextFeatures({
      inputIds: fixture.expected.get('tokenizer/batch/input_ids') as Tensor<'int64'>,
      attentionMask: fixture.expected.get('tokenizer/batch/attention_mask') as Tensor<'int64'>,
    });
    const result = compareTensors('model/get_text_features', features, fixture.expected.get('model/get_text_features')!, tolerancesFor('maskless', 'fp32').embeddings);
    expect(result.ok).toBe(false);
    expect(result.maxAbsDiff).toBeGreaterThan(0.01);
  });
});
