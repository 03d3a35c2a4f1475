import type { AltCLIPBackend, TowerLoadOptions } from '../backend/AltCLIPBackend.js';
import { BackendResolutionError, resolveBackend } from '../registry/BackendRegistry.js';
import type { ModelOptions } from './ModelOptions.js';

/** Resolves and initialises the backend, and checks that it supports the requested dtype. */
export async function prepareBackend(options: ModelOptions): Promise<{ backend: AltCLIPBackend; loadOptions: TowerLoadOptions }> {
  const backend = await resolveBackend(options.backend);
  const dtype = options.dtype ?? 'fp32';
  if (!backend.capabilities.dtypes.includes(dtype)) {
    throw new BackendResolutionError(`backend '${backend.name}' does not support dtype '${dtype}' (it supports ${backend.capabilities.dtypes.join(', ')})`);
  }
  return { backend, loadOptions: { ...options.backendOptions, dtype } };
}
