/** `12.3 ms`, `1.24 s`; `cached` when nothing was loaded. */
export function formatMs(ms: number | null): string {
  if (ms === null) return 'cached';
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
