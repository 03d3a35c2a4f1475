import type { Sharp, SharpOptions } from 'sharp';

export type SharpFactory = (input: Uint8Array, options?: SharpOptions) => Sharp;

let cached: Promise<SharpFactory | undefined> | undefined;

/**
 * sharp is an optional dependency (a native addon): loaded on first use, `undefined` where it cannot load
 * (browsers, workers, platforms without a prebuilt binary). The specifier is kept out of static analysis
 * so bundlers do not try to pull a native module into browser builds.
 */
export function loadSharp(): Promise<SharpFactory | undefined> {
  cached ??= (async () => {
    if (typeof process === 'undefined' || !process.versions?.node) return undefined;
    try {
      const specifier = 'sharp';
      const mod = await import(/* @vite-ignore */ specifier);
      return (mod.default ?? mod) as SharpFactory;
    } catch {
      return undefined;
    }
  })();
  return cached;
}
