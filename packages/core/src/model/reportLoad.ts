import type { Tensor } from '../tensor/Tensor.js';
import type { LoadReport } from '../weights/LoadReport.js';
import { loadReportWarnings } from '../weights/LoadReport.js';
import type { ParameterSpec } from '../weights/ParameterSpec.js';
import { type ModelKind, matchStateDict } from '../weights/matchStateDict.js';
import type { FromWeightsOptions } from './ModelOptions.js';

/** Matches a checkpoint to a model's parameters and emits HF's warnings. */
export function matchAndReport(
  modelClass: string,
  specs: readonly ParameterSpec[],
  checkpoint: ReadonlyMap<string, Tensor>,
  kind: ModelKind,
  options: FromWeightsOptions,
): { weights: Map<string, Tensor>; report: LoadReport } {
  const result = matchStateDict(modelClass, specs, checkpoint, kind, options);
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  for (const message of loadReportWarnings(result.report, modelClass, options.checkpointName ?? 'the given weights')) warn(message);
  return result;
}
