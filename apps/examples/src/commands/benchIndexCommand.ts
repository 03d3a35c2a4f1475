import { machineInfo } from '../bench/machineInfo.js';
import { DEFAULT_ANN_SETTINGS, type StoreBenchRow, storeBench } from '../bench/storeBench.js';
import { type WorkerBenchRow, workerBench } from '../bench/workerBench.js';
import { CliError, UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

function numbers(value: unknown, name: string): number[] {
  const list = String(value)
    .split(',')
    .map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`--${name}: expected positive integers separated by commas, got "${value}"`);
  return list;
}

function annSettings(value: unknown): [number, number][] {
  return String(value)
    .split(',')
    .map((pair) => {
      const [p, r] = pair.trim().split('x').map(Number);
      if (!Number.isInteger(p) || !Number.isInteger(r) || p < 1 || r < 1) throw new UsageError(`--ann-settings: expected nprobes x refine pairs such as 20x10,40x50, got "${value}"`);
      return [p, r];
    });
}

export const benchIndexCommand = defineCommand({
  name: 'bench-index',
  summary: 'Benchmark indexing and search: throughput with 1, 2, 4 queue workers; store search latency and ANN recall@10.',
  usage: '[--workers 1,2,4] [--sizes 10000,100000,1000000] [--dim 768] [--queries N] [--ann-settings 20x10,40x50] [--skip-workers] [--skip-store] [--json]',
  options: {
    workers: { type: 'string', description: 'worker process counts', default: '1,2,4', valueName: 'list' },
    images: { type: 'number', description: 'generated images to index per worker count', default: 400, valueName: 'N' },
    'image-size': { type: 'number', description: 'side of the generated square PNGs', default: 256, valueName: 'px' },
    model: { type: 'string', description: 'model folder the workers load', default: 'fixtures/altclip-tiny', valueName: 'dir' },
    backend: { type: 'string', description: 'workers’ backend', default: 'onnx', valueName: 'name' },
    'batch-size': { type: 'number', description: 'images per queue job', default: 16, valueName: 'N' },
    sizes: { type: 'string', description: 'stored vector counts', default: '10000,100000,1000000', valueName: 'list' },
    dim: { type: 'number', description: 'vector dimension (BAAI/AltCLIP: 768)', default: 768, valueName: 'N' },
    queries: { type: 'number', description: 'queries per size (ANN latency and recall)', default: 50, valueName: 'N' },
    'ann-settings': { type: 'string', description: 'ANN settings to measure, nprobes x refine factor', default: DEFAULT_ANN_SETTINGS.map(([p, r]) => `${p}x${r}`).join(','), valueName: 'list' },
    'exact-queries': { type: 'number', description: 'of which timed through LanceDB’s exact scan (seconds each at 10^6)', default: 10, valueName: 'N' },
    dir: { type: 'string', description: 'where the stores are built (needs ~4.5 GB free for 10^6 × 768)', valueName: 'dir' },
    'skip-workers': { type: 'boolean', description: 'only the store part' },
    'skip-store': { type: 'boolean', description: 'only the worker part' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  async run({ options }, io) {
    const log = (s: string) => io.stderr(`${s}\n`);
    const report: { machine: Record<string, unknown>; workers?: WorkerBenchRow[]; store?: StoreBenchRow[] } = { machine: machineInfo() };
    if (!options['skip-workers']) {
      log('indexing throughput through Redis workers');
      report.workers = await workerBench(numbers(options.workers, 'workers'), {
        images: Number(options.images),
        size: Number(options['image-size']),
        model: resolvePath(io, String(options.model)),
        backend: String(options.backend),
        batchSize: Number(options['batch-size']),
        log,
      });
      log(JSON.stringify(report.workers));
    }
    if (!options['skip-store']) {
      report.store = [];
      for (const size of numbers(options.sizes, 'sizes')) {
        log(`store: ${size} vectors × ${options.dim}`);
        const row = await storeBench(size, Number(options.dim), { queries: Number(options.queries), exactQueries: Number(options['exact-queries']), annSettings: annSettings(options['ann-settings']), dir: options.dir === undefined ? undefined : resolvePath(io, String(options.dir)), log });
        // Each size's row is logged as soon as it is measured: a long run that is stopped keeps what it had.
        log(JSON.stringify(row));
        report.store.push(row);
      }
    }
    if (!report.workers && !report.store) throw new CliError('nothing to do: both parts skipped');
    if (options.json) return io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    io.stdout(`${report.machine.date} · ${report.machine.cpu} · ${report.machine.cores} cores · Node ${report.machine.node}\n\n`);
    if (report.workers) {
      io.stdout('| workers | images | seconds | images/s |\n|---|---|---|---|\n');
      for (const r of report.workers) io.stdout(`| ${r.workers} | ${r.images} | ${r.seconds.toFixed(1)} | ${r.images_per_s.toFixed(1)} |\n`);
      io.stdout('\n');
    }
    if (report.store) {
      io.stdout('| vectors | load | exact p50 / p95 | IVF-RQ build | nprobes · refine | ANN p50 / p95 | recall@10 | on disk |\n|---|---|---|---|---|---|---|---|\n');
      for (const r of report.store) {
        for (const [i, a] of r.ann.entries()) {
          const head = i === 0 ? `| ${r.vectors} × ${r.dim} | ${r.load_s.toFixed(1)} s | ${r.exact_p50_ms.toFixed(1)} / ${r.exact_p95_ms.toFixed(1)} ms | ${r.index_build_s.toFixed(1)} s |` : '| | | | |';
          const disk = i === 0 ? `${(r.disk_bytes / 2 ** 30).toFixed(2)} GiB` : '';
          io.stdout(`${head} ${a.nprobes} · ${a.refine_factor} | ${a.p50_ms.toFixed(1)} / ${a.p95_ms.toFixed(1)} ms | ${a.recall_at_10.toFixed(3)} | ${disk} |\n`);
        }
      }
    }
  },
});
