import type { BackendEnvironment } from '@altclip/core';

/** Where this code runs; decides which tfjs runtimes are worth trying and in which order. */
export function detectEnvironment(): BackendEnvironment {
  const g = globalThis as { process?: { versions?: { node?: string } }; window?: unknown; importScripts?: unknown };
  if (typeof g.window === 'undefined' && typeof g.importScripts === 'function') return 'worker';
  if (typeof g.window !== 'undefined') return 'browser';
  if (g.process?.versions?.node) return 'node';
  return 'worker';
}
