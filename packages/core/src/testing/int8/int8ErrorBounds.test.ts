import { describe, expect, it } from 'vitest';
import type { TowerWeights } from '../../backend/AltCLIPBackend.js';
import type { Int8Scheme } from '../../backend/Int8Scheme.js';
import { Tensor } from '../../tensor/Tensor.js';
import { compareTensors } from '../compareTensors.js';
import { type AltCLIPFixture, loadFixture } from '../loadFixture.js';
import { ParityRun } from '../ParityRun.js';
import { type ReferenceBackendOptions, ReferenceBackend } from '../reference/ReferenceBackend.js';
import { tolerancesFor } from '../tolerances.js';
import { type Int8ErrorBound, int8ErrorBounds } from './int8ErrorBounds.js';
import { Int8Simulation, isLinearWeight } from './Int8Simulation.js';

const dynamic: Int8Scheme = {
  linearWeights: 'int8-per-output-channel',
  embeddingTables: ['roberta.embeddings.word_embeddings.weight', 'roberta.embeddings.position_embeddings.weight'],
  linearInputs: 'uint8-per-tensor',
};
const weightOnly: Int8Scheme = { linearWeights: 'int8-per-output-channel', embeddingTables: [], linearInputs: 'float' };
const perRow: Int8Scheme = { ...dynamic, linearInputs: 'int8-per-row' };

/** Tensors of a reference run (with hooks) that exceed their int8 bound against the oracle. */
async function outside(fixture: AltCLIPFixture, bounds: Map<string, Int8ErrorBound>, options: ReferenceBackendOptions): Promise<string[]> {
  const run = new ParityRun({ fixture, createBackend: () => new ReferenceBackend(options) });
  const failed: string[] = [];
  for (const [name, { bound }] of bounds) {
    if (!compareTensors(name, await run.compute(name), fixture.expected.get(name)!, bound).ok) failed.push(name);
  }
  return failed;
}

describe('int8ErrorBounds', async () => {
  const fixture = await loadFixture();
  const memo = new Map<Int8Scheme, Promise<Map<string, Int8ErrorBound>>>();
  const boundsOf = (scheme: Int8Scheme) => memo.get(scheme) ?? memo.set(scheme, int8ErrorBounds(fixture, scheme)).get(scheme)!;

  // The noise model is only useful if it predicts real rounding: an exact int8 computation of the
  // same scheme (rounding, not noise) must land inside every bound it predicts.
  for (const [label, scheme] of [['dynamic uint8 inputs + int8 tables', dynamic], ['per-row int8 inputs + int8 tables', perRow], ['weight-only', weightOnly]] as const) {
    it(`bounds exact rounding of the same scheme (${label})`, async () => {
      const bounds = await boundsOf(scheme);
      expect(await outside(fixture, bounds, new Int8Simulation(scheme, 'round').referenceOptions())).toEqual([]);
      // Nothing is rounded before pre_layrnorm's output, so that bound is core's plain fp32 bound.
      expect(bounds.get('vision_model/hidden_states/0')).toEqual({ mean: 0, sd: 0, bound: tolerancesFor('*', 'fp32').hiddenStates });
    }, 120_000);
  }

  it('catches what a faithful int8 cannot explain: a dropped bias, a 6-bit grid', async () => {
    const bounds = await boundsOf(dynamic);
    const exact = new Int8Simulation(dynamic, 'round').referenceOptions();
    const dropBias = (w: TowerWeights) => {
      const out = new Map(exact.weights!(w));
      const name = 'encoder.layers.1.mlp.fc2.bias';
      if (out.has(name)) out.set(name, new Tensor('float32', new Float32Array(out.get(name)!.size), out.get(name)!.dims) as Tensor);
      return out;
    };
    expect(await outside(fixture, bounds, { ...exact, weights: dropBias })).toContain('model/image_embeds');
    // 6 bits: the same per-channel rounding on a grid of max/31 instead of max/127.
    const sixBit = (w: TowerWeights) => {
      const out = new Map(exact.weights!(w));
      for (const [name, t] of w) {
        if (!isLinearWeight(name, t)) continue;
        const [rows, cols] = t.dims;
        const v = Float64Array.from(t.data as Float32Array);
        for (let r = 0; r < rows; r++) {
          const row = v.subarray(r * cols, (r + 1) * cols);
          const step = row.reduce((m, x) => Math.max(m, Math.abs(x)), 0) / 31;
          for (let c = 0; c < cols; c++) row[c] = Math.round(row[c] / step) * step;
        }
        out.set(name, new Tensor('float64', v, [rows, cols]) as Tensor);
      }
      return out;
    };
    expect((await outside(fixture, bounds, { ...exact, weights: sixBit })).length).toBeGreaterThan(0);
  }, 120_000);

  it('needs at least two trials', async () => {
    await expect(int8ErrorBounds(fixture, dynamic, { trials: 1 })).rejects.toThrow(/trials must be an integer ≥ 2/);
  });
});
