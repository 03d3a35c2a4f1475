import type { AltCLIPBackend, Tensor, WeightDType } from '@altclip/core';
import { type AltCLIPFixture, compareTensors, cosineSimilarity, ParityRun, ParityTolerances, parityTensorNames } from '@altclip/core/parity';
import type { ParityRow } from './ParityRow.js';

/** Folds per-layer tensors into one row: text_model/hidden_states/3 → text_model/hidden_states/*. */
export function rowName(name: string): string {
  return name.replace(/\/(hidden_states|attentions)\/\d+$/, '/$1/*');
}

export interface ParityTarget {
  /** CLI name shown in the table. */
  label: string;
  /** Name in core's tolerance table. */
  toleranceName: string;
  createBackend: () => Promise<AltCLIPBackend>;
}

/**
 * Runs every golden output of the fixture on one backend and folds the comparisons into rows.
 * `golden` overrides the fixture's expected tensors (the onnx-node outputs when a folder has none).
 */
export async function runParity(fixture: AltCLIPFixture, target: ParityTarget, dtype: WeightDType, progress: (m: string) => void, golden?: ReadonlyMap<string, Tensor>): Promise<ParityRow[]> {
  const run = new ParityRun({ fixture, createBackend: target.createBackend, dtype });
  const rows = new Map<string, ParityRow>();
  try {
    const backend = await run.backend().catch((error: Error) => {
      throw Object.assign(error, { unavailable: true });
    });
    if (!backend.capabilities.dtypes.includes(dtype)) {
      return [{ backend: target.label, dtype, output: '*', maxAbsDiff: Number.NaN, cosine: Number.NaN, tolerance: Number.NaN, status: 'unavailable', note: `no ${dtype} weights (the backend offers ${backend.capabilities.dtypes.join(', ')})` }];
    }
    if (dtype === 'int8') progress(`${target.label}/int8: predicting int8 error bounds (float64 reference with rounding-sized noise)`);
    const tolerances = await ParityTolerances.create(fixture, target.toleranceName, dtype, backend.capabilities, {
      onTrial: (done, of) => done % 8 === 0 && progress(`${target.label}/int8: error model ${done}/${of}`),
    });
    progress(`${target.label}/${dtype}: running the fixture`);
    // Per-layer tensors share a row; it shows the one closest to its bound (int8 bounds differ per tensor).
    const worst = new Map<string, number>();
    for (const name of parityTensorNames(fixture)) {
      const expected = (golden ?? fixture.expected).get(name);
      if (!expected) continue;
      if ((name.includes('/hidden_states/') && !backend.capabilities.hiddenStates) || (name.includes('/attentions/') && !backend.capabilities.attentions)) continue;
      if (name.startsWith('text_model/position_ids')) continue; // computed by core, not by a backend
      const actual = await run.compute(name);
      const tolerance = tolerances.atol(name);
      const cmp = compareTensors(name, actual, expected, tolerance);
      const cosine = actual && cmp.maxAbsDiff !== Number.POSITIVE_INFINITY ? cosineSimilarity(actual, expected) : Number.NaN;
      const key = rowName(name);
      const row = rows.get(key) ?? { backend: target.label, dtype, output: key, maxAbsDiff: 0, cosine: 1, tolerance, status: 'pass' as const };
      const ratio = cmp.maxAbsDiff / tolerance;
      if (!(ratio <= (worst.get(key) ?? -1))) {
        worst.set(key, ratio);
        row.maxAbsDiff = cmp.maxAbsDiff;
        row.tolerance = tolerance;
      }
      row.cosine = Math.min(row.cosine, cosine);
      if (!cmp.ok) row.status = 'fail';
      rows.set(key, row);
    }
  } catch (error) {
    // A runtime missing on this machine (no GPU adapter, say) is reported, not counted as a numeric failure.
    const unavailable = (error as { unavailable?: boolean }).unavailable === true || /Unavailable/.test((error as Error).name);
    return [{ backend: target.label, dtype, output: '*', maxAbsDiff: Number.NaN, cosine: Number.NaN, tolerance: Number.NaN, status: unavailable ? 'unavailable' : 'fail', note: (error as Error).message.split('\n')[0] }];
  } finally {
    await run.dispose().catch(() => {});
  }
  return [...rows.values()];
}
