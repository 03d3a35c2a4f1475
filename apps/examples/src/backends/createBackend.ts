import type { AltCLIPBackend } from '@altclip/core';
import { CliError } from '../cli/CliError.js';
import { BACKEND_NAMES, type BackendName, isBackendName } from './backendNames.js';

/** Checks a --backend value before any slow work starts. */
export function assertBackendName(name: string): asserts name is BackendName {
  if (!isBackendName(name)) {
    throw new CliError(`unknown backend "${name}" (expected one of: ${BACKEND_NAMES.join(', ')})`);
  }
}

export interface CliBackendOptions {
  /** onnx backends: how int8 rounds activations (see @altclip/backend-onnx); others ignore it. */
  int8Activations?: 'per-tensor' | 'per-row';
  /** onnx: ORT intra-op threads; onnx-web: wasm threads. Others keep their runtime's default. */
  threads?: number;
  /** onnx: the built-graph cache folder, or `false` to build on every load (the benchmark's build-on-load rows). */
  cacheDir?: string | false;
}

/** Imports only the runtime the user asked for, so a missing optional runtime breaks only its own name. */
export async function createBackend(name: string, options: CliBackendOptions = {}): Promise<AltCLIPBackend> {
  assertBackendName(name);
  return factories[name](options);
}

const factories: Record<BackendName, (options: CliBackendOptions) => Promise<AltCLIPBackend>> = {
  async onnx({ int8Activations, threads, cacheDir }) {
    const { createOnnxNodeBackend } = await import('@altclip/backend-onnx/node');
    return createOnnxNodeBackend({
      int8Activations,
      ...(cacheDir !== undefined ? { cacheDir } : {}),
      ...(threads ? { sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } } : {}),
    });
  },
  async 'onnx-web'({ int8Activations, threads }) {
    const { createOnnxWebBackend } = await import('@altclip/backend-onnx');
    return createOnnxWebBackend({ int8Activations, ...(threads ? { numThreads: threads } : {}) });
  },
  async tfjs() {
    const { createTfjsBackend } = await import('@altclip/backend-tfjs');
    return createTfjsBackend({ backend: 'wasm' });
  },
  async 'tfjs-cpu'() {
    const { createTfjsBackend } = await import('@altclip/backend-tfjs');
    return createTfjsBackend({ backend: 'cpu' });
  },
  async webgpu() {
    // Dawn's Vulkan loader prints "error: XDG_RUNTIME_DIR is invalid" to stderr when the variable is unset
    // (containers, CI); the CLI owns its process, so it gives Dawn a private one rather than alarm users.
    if (!process.env.XDG_RUNTIME_DIR) {
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const dir = mkdtempSync(join(tmpdir(), 'altclip-runtime-'));
      process.env.XDG_RUNTIME_DIR = dir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    const { createWebGPUBackend } = await import('@altclip/backend-webgpu');
    return createWebGPUBackend();
  },
  async reference() {
    const { createReferenceBackend } = await import('@altclip/core/parity');
    return createReferenceBackend();
  },
};
