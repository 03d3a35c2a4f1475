import type { BackendEnvironment } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { configureWasm } from './configureWasm.js';
import { importTfjsNode } from './importTfjsNode.js';
import type { TfjsRuntimeName } from './TfjsRuntimeName.js';
import type { TfjsRuntimeOptions } from './TfjsRuntimeOptions.js';

/**
 * Imports the package that registers `name` in the tfjs engine. Registration happens
 * here, on demand, never when this package is imported.
 */
export async function importRuntime(name: TfjsRuntimeName, options: TfjsRuntimeOptions, environment: BackendEnvironment): Promise<void> {
  switch (name) {
    case 'tensorflow':
      return importTfjsNode();
    case 'wasm':
      return configureWasm(await import('@tensorflow/tfjs-backend-wasm'), options, environment);
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      // Read once when the WebGL context is created, so it must be set before `setBackend`.
      if (options.webglForceHalfFloat) tf.env().set('WEBGL_FORCE_F16_TEXTURES', true);
      return;
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
  }
}
