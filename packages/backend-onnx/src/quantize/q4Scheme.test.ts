import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareWithSimulation, Int8Simulation, loadFixture, ParityRun, ReferenceBackend, toleranceGroup, tolerancesFor } from '@altclip/core/parity';
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { q4Scheme } from './q4Scheme.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'altclip-onnx-q4-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

// q4 rounds only weights (float activations), so the graph must equal core's float64 simulation of the declared
// scheme up to float32 arithmetic — no grid steps — including the 4-bit word and position tables.
describe.each([false, true])('onnx q4 computes exactly the scheme it declares (zero points: %s)', async (zeroPoints) => {
  const fixture = await loadFixture({});
  const scheme = q4Scheme(zeroPoints);
  const simulate = (s: typeof scheme) => new ParityRun({ fixture, createBackend: () => new ReferenceBackend(new Int8Simulation(s, 'round').referenceOptions()) });
  const declared = simulate(scheme);
  const q4 = new ParityRun({ fixture, dtype: 'q4', createBackend: () => createOnnxNodeBackend({ cacheDir, q4ZeroPoints: zeroPoints, sessionOptions: { intraOpNumThreads: 1 } }) });
  afterAll(async () => {
    await declared.dispose();
    await q4.dispose();
  });
  const fp32 = tolerancesFor('*', 'fp32');

  it('declares it in capabilities.q4', () => {
    expect(createOnnxNodeBackend({ cacheDir, q4ZeroPoints: zeroPoints }).capabilities.q4).toEqual(scheme);
  });

  it.each(['text_model/last_hidden_state', 'model/get_text_features', 'model/get_image_features'])('%s equals the simulation to float32 arithmetic', async (name) => {
    const conformance = compareWithSimulation(name, (await q4.compute(name))!, (await declared.compute(name))!, fp32[toleranceGroup(name)], 0);
    expect(conformance.steppedItems, conformance.message).toEqual([]);
  }, 120_000);

  it('the check has teeth: int8 rows for the tables (graph format 2) do not pass', async () => {
    const name = 'text_model/last_hidden_state';
    const { embeddingTableGrid: _, ...int8Tables } = scheme;
    const old = simulate(int8Tables);
    try {
      const conformance = compareWithSimulation(name, (await q4.compute(name))!, (await old.compute(name))!, fp32[toleranceGroup(name)], 0);
      expect(conformance.steppedItems.length, conformance.message).toBeGreaterThan(1);
    } finally {
      await old.dispose();
    }
  }, 120_000);
});
