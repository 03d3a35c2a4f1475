import { describe, expect, it } from 'vitest';
import { AltCLIPModel } from '../model/AltCLIPModel.js';
import { float32ToFloat16Bits } from '../tensor/float16.js';
import { Tensor } from '../tensor/Tensor.js';
import { loadFixture } from '../testing/loadFixture.js';
import { ReferenceBackend } from '../testing/reference/ReferenceBackend.js';

describe('NaN weights', async () => {
  const fixture = await loadFixture();
  const backend = new ReferenceBackend();

  it('load as HF loads them, with a warning naming the tensors', async () => {
    const weights = new Map(fixture.weights);
    const name = 'text_model.roberta.encoder.layer.0.attention.self.query.weight';
    const poisoned = Float32Array.from(fixture.weights.get(name)!.data as Float32Array);
    poisoned[3] = Number.NaN;
    poisoned[7] = Number.POSITIVE_INFINITY;
    weights.set(name, new Tensor('float32', poisoned, fixture.weights.get(name)!.dims));
    const half = 'vision_model.pre_layrnorm.bias';
    weights.set(half, new Tensor('float16', Uint16Array.from([float32ToFloat16Bits(Number.NaN), ...new Array(31).fill(0)]), [32]));
    const warnings: string[] = [];
    const model = await AltCLIPModel.fromWeights(fixture.config, weights, { backend, onWarning: (m) => warnings.push(m), checkpointName: 'poisoned' });
    expect(model.loadReport.nonFiniteKeys).toEqual([name, half]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`'${name}' (2 of 1024 values)`);
    expect(warnings[0]).toContain(`'${half}' (1 of 32 values)`);
    const clean: string[] = [];
    await AltCLIPModel.fromWeights(fixture.config, fixture.weights, { backend, onWarning: (m) => clean.push(m) });
    expect(clean).toEqual([]);
  });
});
