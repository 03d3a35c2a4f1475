import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toFloat32 } from '@altclip/core';
import { Int8Simulation, compareWithSimulation, loadFixture, ParityRun, ReferenceBackend } from '@altclip/core/parity';
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { type Int8Activations, int8Scheme } from './int8Scheme.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'altclip-onnx-int8-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

// The parity suite (describeParity, dtype int8) checks both halves of the claim for every int8 backend: the
// error against the oracle, bounded by core's error model, and that the graph computes exactly the scheme it
// declares — core's float64 simulation of the scheme, equal up to float32 arithmetic except for at most one
// batch item per tensor where a value rounded to the neighbouring grid point, and that item by no more than the
// tensor's predicted int8 error (compareWithSimulation). Here: the declaration, and that the check has teeth.
describe.each<Int8Activations>(['per-tensor', 'per-row'])('onnx int8 (%s activations) declares its scheme', async (activations) => {
  const fixture = await loadFixture({});
  const backend = () => createOnnxNodeBackend({ cacheDir, int8Activations: activations, sessionOptions: { intraOpNumThreads: 1 } });
  const simulated = new ParityRun({ fixture, createBackend: () => new ReferenceBackend(new Int8Simulation(int8Scheme(activations), 'round').referenceOptions()) });

  it('declares it in capabilities.int8', () => {
    expect(backend().capabilities.int8).toEqual(int8Scheme(activations));
  });

  it('the check has teeth: the fp32 graph does not pass for the int8 simulation', async () => {
    const fp32 = new ParityRun({ fixture, createBackend: () => createOnnxNodeBackend({ cacheDir, sessionOptions: { intraOpNumThreads: 1 } }) });
    try {
      const name = 'model/get_text_features';
      const conformance = compareWithSimulation(name, (await fp32.compute(name))!, (await simulated.compute(name))!, 1e-5, Number.POSITIVE_INFINITY);
      expect(conformance.ok, conformance.message).toBe(false);
      expect(conformance.steppedItems.length).toBeGreaterThan(1);
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
