import * as tf from '@tensorflow/tfjs-core';
import { TfjsRuntimeError } from '../errors/TfjsRuntimeError.js';
import type { TfjsRuntimeName } from './TfjsRuntimeName.js';

/**
 * tfjs has one current backend per process; another library (or another
 * TfjsBackend) may have switched it since our tensors were made. Switch back
 * rather than let tfjs silently migrate our weights to the other backend.
 */
export async function ensureActiveRuntime(name: TfjsRuntimeName): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new TfjsRuntimeError(`could not re-activate the tfjs '${name}' backend`);
}
