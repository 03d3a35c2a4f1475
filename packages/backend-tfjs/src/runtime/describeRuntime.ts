import type { BackendEnvironment } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import type { TfjsRuntimeInfo } from './TfjsRuntimeInfo.js';
import type { TfjsRuntimeModules } from './TfjsRuntimeModules.js';
import type { TfjsRuntimeName } from './TfjsRuntimeName.js';

/** Reads back what the active runtime actually does (WebGL may have fallen to float16 textures). */
export async function describeRuntime(name: TfjsRuntimeName, environment: BackendEnvironment, modules: TfjsRuntimeModules): Promise<TfjsRuntimeInfo> {
  if (name === 'webgl') {
    const float32 = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
    return { name, environment, precision: float32 ? 'float32' : 'float16' };
  }
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return { name, environment, precision: 'float32', simd: Boolean(simd), threads: modules.wasm?.getThreadsCount() ?? 1 };
  }
  return { name, environment, precision: 'float32' };
}
