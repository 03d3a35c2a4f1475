import type { Tensor } from '../tensor/Tensor.js';
import { checkConfigAgainstCheckpoint } from '../weights/checkConfigAgainstCheckpoint.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { loadReportWarnings } from '../weights/LoadReport.js';
import type { ModelParameters } from '../weights/ModelParameters.js';
import { matchStateDict } from '../weights/matchStateDict.js';
import { findNonFiniteWeights, nonFiniteWarning } from '../weights/nonFiniteWeights.js';
import type { FromWeightsOptions } from './ModelOptions.js';

/**
 * Matches a checkpoint to a model's parameters and emits HF's warnings. The config is first checked against the
 * tensors' shapes (cheap, allocation-free), so a config that disagrees never gets its parameters listed or drawn.
 */
export function matchAndReport(
  model: ModelParameters,
  checkpoint: ReadonlyMap<string, Tensor>,
  options: FromWeightsOptions,
): { weights: Map<string, Tensor>; report: LoadReport } {
  const modelClass = model.modelClass;
  checkConfigAgainstCheckpoint(model, shapesOf(checkpoint), options.checkpointName ?? 'the given weights', options);
  const result = matchStateDict(modelClass, model.specs(), checkpoint, model.kind, options);
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const name = options.checkpointName ?? 'the given weights';
  for (const message of loadReportWarnings(result.report, modelClass, name)) warn(message);
  // Only tensors that came from the checkpoint: freshly initialised ones are finite by construction.
  const fresh = new Set([...result.report.missingKeys, ...result.report.mismatchedKeys.map((m) => m.key)]);
  const nonFinite = findNonFiniteWeights(result.weights, [...result.weights.keys()].filter((k) => !fresh.has(k)));
  if (nonFinite.length > 0) warn(nonFiniteWarning(nonFinite, modelClass, name));
  return { weights: result.weights, report: { ...result.report, nonFiniteKeys: nonFinite.map((w) => w.name) } };
}

export function shapesOf(tensors: ReadonlyMap<string, Tensor>): Map<string, readonly number[]> {
  return new Map([...tensors].map(([name, t]) => [name, t.dims]));
}
