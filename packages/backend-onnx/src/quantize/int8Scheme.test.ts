import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Tensor, toFloat32 } from '@altclip/core';
import { Int8Simulation, loadFixture, ParityRun, parityTensorNames, ReferenceBackend } from '@altclip/core/parity';
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { type Int8Activations, int8Scheme } from './int8Scheme.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'altclip-onnx-int8-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Batch items (first dimension) whose max |a − b| exceeds atol. */
function itemsBeyond(a: Tensor, b: Tensor, atol: number): number[] {
  const x = toFloat32(a).data;
  const y = toFloat32(b).data;
  const per = x.length / a.dims[0];
  const items: number[] = [];
  for (let item = 0; item < a.dims[0]; item++) {
    for (let i = item * per; i < (item + 1) * per; i++) {
      if (!(Math.abs(x[i] - y[i]) <= atol)) {
        items.push(item);
        break;
      }
    }
  }
  return items;
}

// The parity suite bounds int8 against the oracle with core's error model; this checks the other
// half of the claim: that the graph computes exactly the scheme it declares to core. Core's
// Int8Simulation('round') applies the scheme's rounding in float64, so the two may differ by
// float32 arithmetic (1e-4 is core's fp32 bound for hidden states) — or, where float32 and float64
// put a value on opposite sides of a rounding boundary, by one int8 step in one element, which
// moves only that batch item (measured: the fixture's text 0 run alone differs by 2e-2 that way,
// while all 15 batch items match to 2e-6). So at most one item per tensor may differ.
describe.each<Int8Activations>(['per-tensor', 'per-row'])('onnx int8 (%s activations) computes the scheme it declares', async (activations) => {
  const fixture = await loadFixture({});
  const backend = () => createOnnxNodeBackend({ cacheDir, int8Activations: activations, sessionOptions: { intraOpNumThreads: 1 } });
  const onnx = new ParityRun({ fixture, dtype: 'int8', createBackend: backend });
  const simulated = new ParityRun({ fixture, createBackend: () => new ReferenceBackend(new Int8Simulation(int8Scheme(activations), 'round').referenceOptions()) });
  afterAll(() => onnx.dispose());
  const batchFirst = parityTensorNames(fixture).filter((n) => /^(text_model|vision_model)\/(last_hidden_state|pooler_output|hidden_states|attentions)|_embeds$|_features$/.test(n));

  it('declares it in capabilities.int8', () => {
    expect(backend().capabilities.int8).toEqual(int8Scheme(activations));
  });

  it.each(batchFirst)('%s', async (name) => {
    const actual = (await onnx.compute(name))!;
    const expected = (await simulated.compute(name))!;
    expect(actual.dims).toEqual(expected.dims);
    expect(itemsBeyond(actual, expected, 1e-4).length).toBeLessThanOrEqual(1);
  }, 120_000);

  it('the check has teeth: the fp32 graph does not pass for the int8 simulation', async () => {
    const fp32 = new ParityRun({ fixture, createBackend: () => createOnnxNodeBackend({ cacheDir, sessionOptions: { intraOpNumThreads: 1 } }) });
    try {
      const name = 'model/get_text_features';
      expect(itemsBeyond((await fp32.compute(name))!, (await simulated.compute(name))!, 1e-4).length).toBeGreaterThan(1);
    } finally {
      await fp32.dispose();
    }
  }, 120_000);
});

describe('int8 embeddings and the rest of the batch', async () => {
  const fixture = await loadFixture({});
  // Text 0 alone (unpadded, no mask) against text 0 inside the 15-text batch.
  const aloneVsBatch = async (activations: Int8Activations) => {
    const run = new ParityRun({ fixture, dtype: 'int8', createBackend: () => createOnnxNodeBackend({ cacheDir, int8Activations: activations, sessionOptions: { intraOpNumThreads: 1 } }) });
    try {
      const alone = toFloat32((await run.compute('text_model/single/pooler_output_text0'))!).data;
      const inBatch = toFloat32((await run.compute('text_model/pooler_output'))!).data;
      return alone.reduce((m, v, i) => Math.max(m, Math.abs(v - inBatch[i])), 0);
    } finally {
      await run.dispose();
    }
  };

  it("per-row: the same embedding alone and in a batch (float32 rounding only)", async () => {
    expect(await aloneVsBatch('per-row')).toBeLessThan(1e-5);
  }, 120_000);

  it('per-tensor: the whole batch shares one grid, so the embedding moves (README says by how much)', async () => {
    expect(await aloneVsBatch('per-tensor')).toBeGreaterThan(1e-3);
  }, 120_000);
});
