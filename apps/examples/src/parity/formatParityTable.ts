import type { ParityRow } from './ParityRow.js';

const num = (v: number) => (Number.isNaN(v) ? '—' : v === 0 ? '0' : v.toExponential(2));

export function formatParityTable(rows: readonly ParityRow[], against: string): string {
  const header = ['backend', 'dtype', 'output', 'max |Δ|', 'cosine', 'tolerance', 'result'];
  const body = rows.map((r) => [
    r.backend,
    r.dtype,
    r.output,
    num(r.maxAbsDiff),
    Number.isNaN(r.cosine) ? '—' : r.cosine.toFixed(7),
    num(r.tolerance),
    r.note ? `${r.status}: ${r.note}` : r.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [`Parity against ${against}`, '', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line), ''].join('\n');
}
