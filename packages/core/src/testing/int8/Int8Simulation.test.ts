import { describe, expect, it } from 'vitest';
import type { TowerWeights } from '../../backend/AltCLIPBackend.js';
import type { Int8Scheme } from '../../backend/Int8Scheme.js';
import { Tensor } from '../../tensor/Tensor.js';
import { Int8Simulation, isLinearWeight } from './Int8Simulation.js';

const scheme: Int8Scheme = { linearWeights: 'int8-per-output-channel', embeddingTables: ['roberta.embeddings.word_embeddings.weight'], linearInputs: 'uint8-per-tensor' };
const t = (data: number[], dims: number[]) => new Tensor('float32', Float32Array.from(data), dims) as Tensor;

const weights: TowerWeights = new Map([
  ['encoder.layers.0.mlp.fc1.weight', t([0.5, -1.27, 0.3, 0.01, 0.02, -0.04], [2, 3])],
  ['encoder.layers.0.mlp.fc1.bias', t([0.123, 0.456], [2])],
  ['roberta.embeddings.word_embeddings.weight', t([2.54, 1, -0.5, 0.7], [2, 2])],
  ['roberta.embeddings.token_type_embeddings.weight', t([0.333, 0.777], [1, 2])],
  ['embeddings.position_embedding.weight', t([0.111, 0.222], [1, 2])],
]);
const data = (w: TowerWeights, name: string) => Array.from(w.get(name)!.data as Float64Array | Float32Array);
const identity = (n: number) => Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));

describe('Int8Simulation', () => {
  it('knows nn.Linear weights by name and rank', () => {
    expect(isLinearWeight('encoder.layers.3.self_attn.q_proj.weight', { dims: [4, 4] })).toBe(true);
    expect(isLinearWeight('text_projection.weight', { dims: [16, 24] })).toBe(true);
    expect(isLinearWeight('encoder.layers.3.layer_norm1.weight', { dims: [4] })).toBe(false);
    expect(isLinearWeight('embeddings.position_embedding.weight', { dims: [50, 4] })).toBe(false);
    expect(isLinearWeight('roberta.embeddings.word_embeddings.weight', { dims: [50, 4] })).toBe(false);
    expect(isLinearWeight('embeddings.patch_embedding.weight', { dims: [4, 3, 2, 2] })).toBe(false);
  });

  it("'round' puts each output channel and listed table row on its own max/127 grid and leaves the rest", () => {
    const w = new Int8Simulation(scheme, 'round').weights(weights);
    // Row 0: step 1.27/127 = 0.01 → 0.5, −1.27, 0.3 are on it. Row 1: step 0.04/127.
    const fc1 = data(w, 'encoder.layers.0.mlp.fc1.weight');
    for (const [i, v] of [0.5, -1.27, 0.3].entries()) expect(fc1[i]).toBeCloseTo(v, 6);
    const step = 0.04 / 127;
    expect(fc1[3]).toBeCloseTo(Math.round(0.01 / step) * step, 9);
    expect(fc1[3]).not.toBeCloseTo(0.01, 6);
    expect(fc1[5]).toBeCloseTo(-0.04, 7);
    // Table row 0: step 2.54/127 = 0.02 → 1 is 50 steps; row 1: step 0.7/127, −0.5 → round(−90.71) = −91 steps.
    const table = data(w, 'roberta.embeddings.word_embeddings.weight');
    expect(table[1]).toBeCloseTo(1, 6);
    expect(table[2]).toBeCloseTo((-91 * 0.7) / 127, 7);
    expect(data(w, 'encoder.layers.0.mlp.fc1.bias')).toEqual(data(weights, 'encoder.layers.0.mlp.fc1.bias'));
    expect(data(w, 'roberta.embeddings.token_type_embeddings.weight')).toEqual(data(weights, 'roberta.embeddings.token_type_embeddings.weight'));
    expect(data(w, 'embeddings.position_embedding.weight')).toEqual(data(weights, 'embeddings.position_embedding.weight'));
  });

  it("'int4-block-symmetric' tables put each block of a row on its own max/7 grid (blockSize columns)", () => {
    const int4 = new Int8Simulation({ ...scheme, linearWeights: 'int4-block-symmetric', blockSize: 2, embeddingTableGrid: 'int4-block-symmetric' }, 'round');
    const w = int4.weights(new Map([['roberta.embeddings.word_embeddings.weight', t([0.7, -0.25, 1, 0.3, 0.05, -0.02], [2, 3])]]));
    // Row 0: block [0.7, −0.25] step 0.1 → −0.25/0.1 = −2.5 → −2 (Math.round) · 0.1; block [1] step 1/7 → 1.
    // Row 1: block [0.3, 0.05] step 0.3/7 → 0.05 → round(1.1667) = 1 step; block [−0.02] → −7 steps of 0.02/7.
    const table = data(w, 'roberta.embeddings.word_embeddings.weight');
    const step = (x: number) => Math.fround(x / 7);
    const expected = [7 * step(0.7), -2 * step(0.7), 7 * step(1), 7 * step(0.3), 1 * step(0.3), -7 * step(0.02)];
    for (const [i, v] of expected.entries()) expect(table[i]).toBeCloseTo(v, 9);
    // Without the grid field the same table keeps int8 rows.
    const int8Rows = data(new Int8Simulation({ ...scheme, linearWeights: 'int4-block-symmetric', blockSize: 2 }, 'round').weights(new Map([['roberta.embeddings.word_embeddings.weight', t([0.7, -0.25, 1, 0.3, 0.05, -0.02], [2, 3])]])), 'roberta.embeddings.word_embeddings.weight');
    expect(int8Rows[1]).toBeCloseTo(Math.round(-0.25 / (1 / 127)) / 127, 9);
  });

  it("'noise' stays within half a step, repeats for the same seed and name, and changes with the seed", () => {
    const a = data(new Int8Simulation(scheme, 'noise', 7).weights(weights), 'encoder.layers.0.mlp.fc1.weight');
    const again = data(new Int8Simulation(scheme, 'noise', 7).weights(weights), 'encoder.layers.0.mlp.fc1.weight');
    const other = data(new Int8Simulation(scheme, 'noise', 8).weights(weights), 'encoder.layers.0.mlp.fc1.weight');
    const original = data(weights, 'encoder.layers.0.mlp.fc1.weight');
    const steps = [1.27 / 127, 1.27 / 127, 1.27 / 127, 0.04 / 127, 0.04 / 127, 0.04 / 127];
    for (const [i, v] of a.entries()) expect(Math.abs(v - original[i])).toBeLessThanOrEqual(steps[i] / 2 + 1e-9);
    expect(again).toEqual(a);
    expect(other).not.toEqual(a);
  });

  it("rounds Linear inputs as ONNX DynamicQuantizeLinear does (one uint8 grid for the whole tensor)", () => {
    const { linear } = new Int8Simulation(scheme, 'round').referenceOptions();
    // Two rows [−1, 0.5] and [3, 0]: range [−1, 3], step 4/255, zero point round(63.75) = 64.
    // 0.5/step = 31.875 → 32 steps; 3/step = 191.25 → 191 steps; −1/step = −63.75 → −64 steps (clamped at q = 0).
    const out = Array.from(linear!(Float64Array.from([-1, 0.5, 3, 0]), 2, 2, identity(2), undefined, 2));
    const step = Math.fround(4 / 255);
    expect(out[0]).toBeCloseTo(-64 * step, 6);
    expect(out[1]).toBeCloseTo(32 * step, 6);
    expect(out[2]).toBeCloseTo(191 * step, 6);
    expect(out[3]).toBe(0);
  });

  it("'int8-per-row' rounds every row on its own symmetric max/127 grid", () => {
    const { linear } = new Int8Simulation({ ...scheme, linearInputs: 'int8-per-row' }, 'round').referenceOptions();
    // Row 0 [1.27, 0.5]: step 0.01 → 0.5 stays. Row 1 [−0.04, 0.01]: step 0.04/127, 0.01 → 31.75 → 32 steps.
    const out = Array.from(linear!(Float64Array.from([1.27, 0.5, -0.04, 0.01]), 2, 2, identity(2), undefined, 2));
    expect(out[0]).toBeCloseTo(1.27, 6);
    expect(out[1]).toBeCloseTo(0.5, 6);
    expect(out[2]).toBeCloseTo(-0.04, 8);
    expect(out[3]).toBeCloseTo((32 * 0.04) / 127, 8);
    // A row's grid ignores the other rows: the same row alone rounds the same way.
    expect(Array.from(linear!(Float64Array.from([-0.04, 0.01]), 1, 2, identity(2), undefined, 2))).toEqual(out.slice(2));
  });

  it('gives Q, K and V the same rounded input, as one quantised tensor would', () => {
    const { linear } = new Int8Simulation(scheme, 'noise', 3).referenceOptions();
    const x = Float64Array.from([0.3, -0.7, 1.1, 0.05]);
    expect(Array.from(linear!(x, 2, 2, identity(2), undefined, 2))).toEqual(Array.from(linear!(x, 2, 2, identity(2), undefined, 2)));
    expect(Array.from(linear!(Float64Array.from(x), 2, 2, identity(2), undefined, 2))).not.toEqual(Array.from(linear!(x, 2, 2, identity(2), undefined, 2)));
  });

  it("leaves Linear inputs alone when the scheme says 'float'", () => {
    const { linear } = new Int8Simulation({ ...scheme, linearInputs: 'float' }, 'round').referenceOptions();
    expect(Array.from(linear!(Float64Array.from([0.123456789, -2]), 1, 2, identity(2), undefined, 2))).toEqual([0.123456789, -2]);
  });
});
