import type { BackendEnvironment } from '@altclip/core';
import * as tf from '@tensorflow/tfjs-core';
import { TfjsRuntimeError } from '../errors/TfjsRuntimeError.js';
import { configureWasm } from './configureWasm.js';
import { importTfjsNode } from './importTfjsNode.js';
import type { TfjsRuntimeModules, TfjsWasmModule } from './TfjsRuntimeModules.js';
import type { TfjsRuntimeName } from './TfjsRuntimeName.js';
import type { TfjsRuntimeOptions } from './TfjsRuntimeOptions.js';

const PACKAGES = {
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
  webgl: '@tensorflow/tfjs-backend-webgl',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
} as const;

/**
 * Makes sure `name` is registered in the tfjs engine and configured: from `options.runtimes` (what the app imported),
 * else already registered by the app's own import, else imported here by a computed specifier, which resolves in
 * Node (installed optional peers) but not in bundled browser code. Nothing registers when this package is imported.
 */
export async function importRuntime(name: TfjsRuntimeName, options: TfjsRuntimeOptions, environment: BackendEnvironment): Promise<TfjsRuntimeModules> {
  if (name === 'tensorflow') {
    if (!options.runtimes?.tensorflow && !tf.findBackendFactory('tensorflow')) await importTfjsNode();
    return {};
  }
  let mod = options.runtimes?.[name] as object | undefined;
  // wasm needs its module (binary paths, threads) even when the app registered it by importing it.
  if (!mod && (name === 'wasm' || !tf.findBackendFactory(name))) mod = await importPeer(name, PACKAGES[name]);
  if (name === 'wasm') await configureWasm(mod as TfjsWasmModule, options, environment);
  // Read once when the WebGL context is created, so it must be set before `setBackend`.
  if (name === 'webgl' && options.webglForceHalfFloat) tf.env().set('WEBGL_FORCE_F16_TEXTURES', true);
  return { [name]: mod } as TfjsRuntimeModules;
}

async function importPeer(name: TfjsRuntimeName, specifier: string): Promise<object> {
  try {
    return (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as object;
  } catch (cause) {
    throw new TfjsRuntimeError(
      `runtime '${name}' needs ${specifier}: install it, and in bundled (browser) code import it and pass it as ` +
        `createTfjsBackend({ runtimes: { ${name}: await import('${specifier}') } }) ` +
        `(${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
  }
}
