import { AltCLIPModel, type WeightDType } from '@altclip/core';
import { createBackend } from '../backends/createBackend.js';
import { UsageError } from '../cli/CliError.js';

const DTYPES = ['fp32', 'fp16', 'int8'];

export async function loadModel(source: string, backendName: string, dtype: unknown = 'fp32'): Promise<AltCLIPModel> {
  if (!DTYPES.includes(String(dtype))) throw new UsageError(`--dtype: expected one of ${DTYPES.join(', ')}, got "${dtype}"`);
  const backend = await createBackend(backendName);
  return AltCLIPModel.fromPretrained(source, { backend, dtype: dtype as WeightDType });
}
