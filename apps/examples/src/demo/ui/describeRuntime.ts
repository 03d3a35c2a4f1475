import type { RuntimeInfo } from '../engine/DemoJob.js';

/** `worker · cross-origin isolated · 2 wasm threads`. */
export function describeRuntime(runtime: RuntimeInfo): string {
  const parts = [runtime.context === 'worker' ? 'worker' : 'page thread', runtime.crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated'];
  if (runtime.wasmThreads !== null) parts.push(`${runtime.wasmThreads} wasm thread${runtime.wasmThreads === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
