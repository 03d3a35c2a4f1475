/**
 * Issue #14's memory bounds, peak RSS over the bytes of the weight files loaded: an exported folder holds
 * fp32/fp16 at ≤ 1.3×, int8 and q4 at ≤ 1.5× (their kernels keep some float scratch), a text-tower-only load at
 * ≤ 1.3×. Building on load (from a checkpoint or random weights) has no bound: it holds the float32 checkpoint
 * in JavaScript while ORT builds, which is what exporting avoids.
 */
export function rssTarget(source: string, dtype: string, textOnly: boolean): number | null {
  if (source !== 'exported') return null;
  if (textOnly) return 1.3;
  return dtype === 'int8' || dtype === 'q4' ? 1.5 : 1.3;
}
