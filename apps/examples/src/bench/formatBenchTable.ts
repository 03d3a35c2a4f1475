import type { BenchReport, BenchResult } from './BenchResult.js';

const fmt = (v: number | null | undefined, digits: number) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const ratio = (v: number | null | undefined) => (v === undefined ? '—' : `${fmt(v, 2)}×`);
const gib = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (v / 2 ** 30).toFixed(2));

/** `1.12× (≤ 1.3 ✓)`: peak RSS over the weight files, with the bound where the row has one. */
export function formatRssRatio(r: Pick<BenchResult, 'rss_over_weights' | 'rss_target'>): string {
  if (r.rss_over_weights === null || r.rss_over_weights === undefined) return '—';
  const value = `${r.rss_over_weights.toFixed(2)}×`;
  if (!r.rss_target) return value;
  return `${value} (≤ ${r.rss_target} ${r.rss_over_weights <= r.rss_target ? '✓' : '✗'})`;
}

export function formatBenchTable(report: BenchReport): string {
  const header = [
    'backend',
    'dtype',
    'weights',
    'towers',
    'threads',
    'images/s b1',
    'images/s b8',
    'texts/s b8',
    'peak RSS GiB',
    'RSS / weight files',
    'load s',
    'load vs HF from_pretrained',
    'img b8 vs baseline',
    'txt b8 vs baseline',
    'runs',
    'note',
  ];
  const rows = report.results.map((r) => [
    r.backend,
    r.dtype,
    r.source ?? 'random',
    r.towers ?? 'text,vision',
    r.threads === null || r.threads === undefined ? 'default' : String(r.threads),
    fmt(r.images_per_s_b1, 3),
    fmt(r.images_per_s_b8, 3),
    fmt(r.texts_per_s_b8, 2),
    gib(r.peak_rss_bytes),
    formatRssRatio(r),
    fmt(r.load_s, 1),
    ratio(r.load_vs_hf_from_pretrained),
    ratio(r.images_b8_vs_pytorch),
    ratio(r.texts_b8_vs_pytorch),
    String(r.repeats ?? 1),
    r.error ?? r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  const cpu = report.machine.cpu ? `\n\nCPU: ${report.machine.cpu}` : '';
  const processor = report.processor ? `\n\n@altclip/processor: ${JSON.stringify(report.processor, null, 2)}` : '';
  return `${table}${cpu}${processor}\n`;
}
