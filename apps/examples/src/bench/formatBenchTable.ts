import type { BenchReport } from './BenchResult.js';

const fmt = (v: number | null | undefined, digits: number) => (v === null || v === undefined ? '—' : v.toFixed(digits));

export function formatBenchTable(report: BenchReport): string {
  const header = ['backend', 'dtype', 'images/s b1', 'images/s b8', 'texts/s b8', 'peak RSS GiB', 'load s', 'img b8 vs torch', 'txt b8 vs torch', 'note'];
  const rows = report.results.map((r) => [
    r.backend,
    r.dtype,
    fmt(r.images_per_s_b1, 3),
    fmt(r.images_per_s_b8, 3),
    fmt(r.texts_per_s_b8, 2),
    r.peak_rss_bytes === null ? '—' : (r.peak_rss_bytes / 2 ** 30).toFixed(2),
    fmt(r.load_s, 1),
    r.images_b8_vs_pytorch === undefined ? '—' : `${fmt(r.images_b8_vs_pytorch, 2)}×`,
    r.texts_b8_vs_pytorch === undefined ? '—' : `${fmt(r.texts_b8_vs_pytorch, 2)}×`,
    r.error ?? r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  const processor = report.processor ? `\n\n@altclip/processor: ${JSON.stringify(report.processor, null, 2)}` : '';
  return `${table}${processor}\n`;
}
