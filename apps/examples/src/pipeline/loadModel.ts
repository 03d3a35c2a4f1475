import { AltCLIPModel, type TowerName, type WeightDType } from '@altclip/core';
import { createBackend } from '../backends/createBackend.js';
import { UsageError } from '../cli/CliError.js';

const DTYPES = ['fp32', 'fp16', 'int8', 'q4'];

/** `towers` (default both): load only these towers and their projections (core's one-tower loading). */
export async function loadModel(source: string, backendName: string, dtype: unknown = 'fp32', towers?: readonly TowerName[]): Promise<AltCLIPModel> {
  if (!DTYPES.includes(String(dtype))) throw new UsageError(`--dtype: expected one of ${DTYPES.join(', ')}, got "${dtype}"`);
  // The CLI promises that an input gets the same vector whatever else is in its batch (indexes are built in
  // batches and searched one query at a time), so its int8 rounds activations per row: ~23 % slower than
  // the backend's per-tensor default at full size, measured in @altclip/backend-onnx's README.
  const backend = await createBackend(backendName, { int8Activations: 'per-row' });
  return AltCLIPModel.fromPretrained(source, { backend, dtype: dtype as WeightDType, ...(towers ? { towers } : {}) });
}
