import * as tf from '@tensorflow/tfjs-core';
import { TfjsRuntimeError } from '../errors/TfjsRuntimeError.js';
import { describeRuntime } from './describeRuntime.js';
import { detectEnvironment } from './detectEnvironment.js';
import { importRuntime } from './importRuntime.js';
import { runtimeOrder } from './runtimeOrder.js';
import type { TfjsRuntimeInfo } from './TfjsRuntimeInfo.js';
import { isTfjsRuntimeName, TFJS_RUNTIMES } from './TfjsRuntimeName.js';
import type { TfjsRuntimeOptions } from './TfjsRuntimeOptions.js';

/**
 * Loads and activates the forced runtime, or the first of `runtimeOrder` that works.
 * tfjs has one active backend per process (a global engine), so this also makes it current.
 */
export async function activateRuntime(options: TfjsRuntimeOptions): Promise<TfjsRuntimeInfo> {
  if (options.backend !== undefined && !isTfjsRuntimeName(options.backend)) {
    throw new TfjsRuntimeError(`createTfjsBackend: option 'backend' must be one of ${TFJS_RUNTIMES.join(', ')}; got ${JSON.stringify(options.backend)}`);
  }
  const environment = detectEnvironment();
  const candidates = options.backend ? [options.backend] : runtimeOrder(environment);
  const failures: string[] = [];
  for (const name of candidates) {
    try {
      const modules = await importRuntime(name, options, environment);
      if (await tf.setBackend(name)) {
        await tf.ready();
        return await describeRuntime(name, environment, modules);
      }
      failures.push(`${name}: tfjs could not initialise it`);
    } catch (cause) {
      failures.push(`${name}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  throw new TfjsRuntimeError(`no TensorFlow.js runtime could be started in ${environment} (${failures.join('; ')})`);
}
