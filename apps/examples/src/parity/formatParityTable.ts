import type { ParityRow } from './ParityRow.js';

const num = (v: number) => (Number.isNaN(v) ? '—' : v === 0 ? '0' : v.toExponential(1));
const MARK: Record<ParityRow['status'], string> = { pass: 'ok', fail: 'FAIL', excluded: 'excluded', unavailable: 'n/a' };

/**
 * Outputs down, backends across; each cell is `max|Δ| cos=… ok|FAIL`. Rows a backend could not
 * produce at all (unavailable runtime) are listed under the table with the reason.
 */
export function formatParityTable(rows: readonly ParityRow[], against: string): string {
  const columns = [...new Set(rows.map((r) => `${r.backend} ${r.dtype}`))];
  const outputs = [...new Set(rows.filter((r) => r.output !== '*').map((r) => r.output))];
  const cell = new Map(rows.map((r) => [`${r.output}|${r.backend} ${r.dtype}`, r]));
  const header = ['output (max abs diff, cosine)', ...columns];
  const body = outputs.map((output) => [
    output,
    ...columns.map((c) => {
      const r = cell.get(`${output}|${c}`);
      if (!r) return '—';
      const cos = Number.isNaN(r.cosine) ? '—' : r.cosine.toFixed(6);
      // int8 bounds are per tensor (predicted by core's error model), so the cell says which one applied.
      const bound = r.dtype === 'int8' ? ` (≤${num(r.tolerance)})` : '';
      return `${num(r.maxAbsDiff)}${bound} ${cos} ${MARK[r.status]}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const notes = rows.filter((r) => r.output === '*').map((r) => `${r.backend} ${r.dtype}: ${MARK[r.status]}${r.note ? ` — ${r.note}` : ''}`);
  const failed = rows.filter((r) => r.status === 'fail').length;
  const where = rows.some((r) => r.dtype === 'int8') ? 'its tolerance (int8: the error model\'s bound)' : 'the tolerance table';
  const summary = failed === 0 ? `every compared output is within ${where}` : `${failed} output(s) outside ${where}`;
  return [`Parity against ${against}`, '', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line), '', ...notes, summary, ''].join('\n');
}
