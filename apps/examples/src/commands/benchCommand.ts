import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WeightDType } from '@altclip/core';
import { BACKEND_NAMES, type BackendName } from '../backends/backendNames.js';
import type { BenchReport, BenchResult } from '../bench/BenchResult.js';
import { benchConfig } from '../bench/benchConfig.js';
import { exportBenchFolders } from '../bench/exportBenchFolders.js';
import { formatBenchTable } from '../bench/formatBenchTable.js';
import { machineInfo } from '../bench/machineInfo.js';
import { interleave, medianResult } from '../bench/medianResult.js';
import { runBenchWorker } from '../bench/runBenchWorker.js';
import { hasBenchCheckpoint, writeBenchCheckpoint } from '../bench/writeBenchCheckpoint.js';
import { CliError, UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

const DTYPES: readonly WeightDType[] = ['fp32', 'fp16', 'int8'];
/** `altclip export` also writes q4 (a deployable format only: no build-on-load row). */
const EXPORT_DTYPES: readonly WeightDType[] = [...DTYPES, 'q4'];
// tfjs-cpu (plain JavaScript kernels) needs minutes per full-size image; `reference` is float64 TypeScript.
// Both stay available with --backends.
const DEFAULT_BACKENDS: readonly BackendName[] = ['onnx', 'onnx-web', 'tfjs', 'webgpu'];
const launcher = fileURLToPath(new URL('../../bin/altclip.js', import.meta.url));
// The examples app lives in the monorepo; the processor's benchmark is a build output there, not a public export.
const processorBench = fileURLToPath(new URL('../../../../packages/processor/dist/bench/runBench.js', import.meta.url));
const pytorchScript = fileURLToPath(new URL('../../bench/pytorch_altclip.py', import.meta.url));
const hfScript = fileURLToPath(new URL('../../bench/hf_altclip.py', import.meta.url));
// Debian's python3-torch installs for the system interpreter, not for a python3 earlier on PATH.
const SYSTEM_PYTHON = '/usr/bin/python3';

function pytorchAvailable(): boolean {
  return spawnSync(SYSTEM_PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** The oracle's environment script (../shared/oracle/setup.sh writes it): HF transformers 4.47.1 for $PY. */
function oracleEnv(): string | null {
  const file = process.env.ALTCLIP_ORACLE_ENV ?? join(homedir(), '.cache', 'altclip-oracle', 'env.sh');
  if (!existsSync(file)) return null;
  const ok = spawnSync('bash', ['-c', 'source "$0" && cd /tmp && "$PY" -c "import transformers.models.altclip"', file], { stdio: 'ignore' }).status === 0;
  return ok ? file : null;
}

/** A command line run in the oracle's environment (its PYTHONPATH, offline flags, `$PY`). */
function oracleCommand(envFile: string, script: string, args: string[]): [string, string[]] {
  return ['bash', ['-c', 'source "$0" && cd /tmp && exec "$PY" "$@"', envFile, script, ...args]];
}

type Baseline = 'hf' | 'restatement' | 'none';
type Tower = 'text' | 'vision';

/** One row of the run: a backend × dtype built on load (random weights or a checkpoint), an exported folder, or the baseline. */
interface RowSpec {
  backend: string;
  dtype: string;
  model?: string;
  towers?: Tower[];
  baseline?: Baseline;
}

function parseList<T extends string>(value: unknown, allowed: readonly T[], what: string): T[] {
  const items = (Array.isArray(value) ? value : [String(value)]).flatMap((v: string) => v.split(',')).filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new UsageError(`unknown ${what} "${item}" (expected one of: ${allowed.join(', ')})`);
  }
  return items as T[];
}

/** One child process per backend × dtype: peak RSS is per process, and a crash or OOM stays in its row. */
function runChild(command: string, args: string[], row: { backend: string; dtype: string }, onProgress: (line: string) => void): Promise<BenchResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errTail = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      for (const line of String(d).split('\n')) if (line.trim()) onProgress(line);
      errTail = (errTail + d).slice(-400);
    });
    child.on('close', (code, signal) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as BenchResult);
      } catch {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve({ ...row, images_per_s_b1: null, images_per_s_b8: null, texts_per_s_b8: null, peak_rss_bytes: null, load_s: null, error: `${why}: ${errTail.trim().split('\n').pop() ?? ''}` });
      }
    });
  });
}

/** @altclip/processor's own benchmark prints one JSON object; its figures join the report. */
function runJsonChild(command: string, args: string[], onProgress: (line: string) => void): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      for (const line of String(d).split('\n')) if (line.trim()) onProgress(line);
    });
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out));
      } catch {
        resolve({ error: `exit code ${code}: no JSON report` });
      }
    });
  });
}

export const benchCommand = defineCommand({
  name: 'bench',
  summary: 'Benchmark backends on random weights in a given architecture (default: the real BAAI/AltCLIP one), against HF transformers.',
  usage:
    '[--config baai|<config.json>] [--checkpoint <dir>] [--export <dtype>…] [--exported <dir>…] [--text-only] [--backends <name>…] [--dtype <dtype>…] [--repeat <n>] [--lock <file>] [--json]',
  options: {
    config: { type: 'string', description: 'architecture: "baai" or a config.json / model folder', default: 'baai', valueName: 'config' },
    checkpoint: {
      type: 'string',
      description: "an HF checkpoint folder of --config (written there with core's seeded random weights if it has none): HF's from_pretrained and the build-on-load rows load it",
      valueName: 'dir',
    },
    export: {
      type: 'list',
      description: 'export --checkpoint at these dtypes into <checkpoint>-export-<dtype> (reused when current) and add them as --exported rows',
      valueName: 'dtype',
    },
    exported: { type: 'list', description: '`altclip export` folders: one row each, opened as is (nothing built), on the onnx backends of --backends', valueName: 'dir' },
    'text-only': { type: 'boolean', description: 'also measure each exported folder with the text tower only' },
    'no-build': { type: 'boolean', description: 'skip the build-on-load rows (backends × dtypes): only the baseline and --exported rows' },
    backends: { type: 'list', description: `backends to run (default ${DEFAULT_BACKENDS.join(', ')}; any of ${BACKEND_NAMES.join(', ')})`, valueName: 'name' },
    dtype: { type: 'list', description: 'weight dtypes (default fp32 fp16 int8); a backend without one says so in its row', valueName: 'dtype' },
    json: { type: 'boolean', description: 'print the JSON report instead of a table' },
    seconds: { type: 'number', description: 'time budget per measurement, seconds', default: 20 },
    repeat: { type: 'number', description: 'runs per row, interleaved (A B A B …); figures are the medians', default: 1 },
    partial: { type: 'string', description: 'after every run, write the JSON report of the runs so far to this file (long runs)', valueName: 'file' },
    lock: { type: 'string', description: 'run each row under `flock <file>` (one big run at a time on a shared machine)', valueName: 'file' },
    baseline: {
      type: 'string',
      description: 'hf (HF transformers from the oracle, ../shared/oracle), restatement (bench/pytorch_altclip.py) or none; default: hf when the oracle is set up, else the restatement when python3-torch is installed',
      valueName: 'kind',
    },
    'no-baseline': { type: 'boolean', description: 'same as --baseline none' },
    threads: { type: 'number', description: 'intra-op threads for the baseline and the onnx backends (others use their runtime default)', default: 2 },
    'skip-processor': { type: 'boolean', description: "skip @altclip/processor's benchmark (image pipeline and tokenizer throughput)" },
    'in-process': { type: 'boolean', description: 'run in this process (no per-backend peak RSS; for tests)' },
    worker: { type: 'boolean', description: '(internal) measure one row and print its JSON' },
    model: { type: 'string', description: '(internal, with --worker) the checkpoint or exported folder of the row', valueName: 'dir' },
    towers: { type: 'string', description: '(internal, with --worker) text or text,vision', valueName: 'list' },
  },
  async run(args, io) {
    const o = args.options;
    const configSpec = o.config === 'baai' ? 'baai' : resolvePath(io, String(o.config));
    const config = await benchConfig(configSpec).catch((error: Error) => {
      throw new CliError(`--config ${o.config}: ${error.message}`);
    });
    const backends = o.backends ? parseList(o.backends, BACKEND_NAMES, 'backend') : DEFAULT_BACKENDS;
    const dtypes = o.dtype ? parseList(o.dtype, DTYPES, 'dtype') : [...DTYPES];
    const seconds = Number(o.seconds);
    const threads = Number(o.threads);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads: expected a positive integer, got ${o.threads}`);
    const repeat = Number(o.repeat);
    if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat: expected a positive integer, got ${o.repeat}`);
    const progress = (message: string) => io.stderr(`[bench] ${message}\n`);

    if (o.worker) {
      if (backends.length !== 1 || dtypes.length !== 1) throw new UsageError('--worker takes exactly one backend and one dtype');
      const towers = o.towers ? parseList(o.towers, ['text', 'vision'] as const, 'tower') : undefined;
      const model = o.model ? resolvePath(io, String(o.model)) : undefined;
      const result = await runBenchWorker({ backend: backends[0], dtype: dtypes[0], config, model, towers, threads, secondsPerMeasurement: seconds, progress });
      io.stdout(`${JSON.stringify(result)}\n`);
      return;
    }

    const checkpoint = o.checkpoint ? resolvePath(io, String(o.checkpoint)) : undefined;
    if (checkpoint && !hasBenchCheckpoint(checkpoint)) {
      progress(`writing the checkpoint ${checkpoint} (seeded random weights)`);
      const { bytes, seconds: took } = await writeBenchCheckpoint(checkpoint, config);
      progress(`checkpoint written: ${(bytes / 1e9).toFixed(2)} GB in ${took.toFixed(0)} s`);
    }
    const exported = o.exported ? (Array.isArray(o.exported) ? o.exported : [o.exported]).map((d) => resolvePath(io, String(d))) : [];
    if (o.export) {
      if (!checkpoint) throw new UsageError('--export needs --checkpoint <dir> (the folder to export)');
      exported.push(...(await exportBenchFolders(checkpoint, parseList(o.export, EXPORT_DTYPES, 'dtype'), progress)));
    }
    for (const dir of exported) if (!existsSync(join(dir, 'altclip_export.json'))) throw new UsageError(`--exported ${dir}: no altclip_export.json there (write one with altclip export)`);
    const baseline = chooseBaseline(o, o['in-process'] === true);

    const rows: RowSpec[] = [];
    if (baseline !== 'none') rows.push({ backend: baseline === 'hf' ? 'hf' : 'pytorch', dtype: 'fp32', baseline, model: checkpoint });
    if (!o['no-build']) for (const backend of backends) for (const dtype of dtypes) rows.push({ backend, dtype, model: checkpoint });
    const exportBackends = o.backends ? backends.filter((b) => b === 'onnx' || b === 'onnx-web') : (['onnx'] as const);
    for (const dir of exported) {
      for (const backend of exportBackends) {
        rows.push({ backend, dtype: '', model: dir });
        if (o['text-only']) rows.push({ backend, dtype: '', model: dir, towers: ['text'] });
      }
    }

    const machine = { ...machineInfo(), config: o.config, threads, repeat, loadavg_start: loadavg() };
    const runs = new Map<RowSpec, BenchResult[]>(rows.map((r) => [r, []]));
    const lock = o.lock ? resolvePath(io, String(o.lock)) : undefined;
    const partial = o.partial ? resolvePath(io, String(o.partial)) : undefined;
    for (const [i, row] of interleave(rows, repeat).entries()) {
      const label = `${row.backend}/${row.dtype || 'exported'}${row.model ? ` ${row.model}` : ''}${row.towers ? ` (${row.towers.join(',')})` : ''}`;
      progress(`${label}: starting (run ${Math.floor(i / rows.length) + 1} of ${repeat}, load average ${loadavg()[0].toFixed(2)})`);
      const result = await runRow(row, { configSpec, config, seconds, threads, lock, inProcess: o['in-process'] === true, progress, io });
      if (result.error) progress(`${label}: ${result.error}`);
      runs.get(row)!.push(result);
      if (partial) writeFileSync(partial, `${JSON.stringify(summarise(rows, runs, machine), null, 2)}\n`);
    }
    const report = summarise(rows, runs, machine);
    if (!o['skip-processor'] && !o['in-process']) {
      progress('processor: image pipeline and tokenizer throughput');
      report.processor = await runJsonChild(process.execPath, [processorBench], (line) => io.stderr(`${line}\n`));
    }
    io.stdout(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchTable(report));
  },
});

/** The report from the runs made so far: medians per row, ratios against the baseline row. */
function summarise(rows: readonly RowSpec[], runs: ReadonlyMap<RowSpec, BenchResult[]>, machine: Record<string, unknown>): BenchReport {
  const done = rows.filter((row) => runs.get(row)!.length > 0);
  const results = done.map((row) => medianResult(runs.get(row)!));
  const base = results.find((_r, i) => done[i].baseline && !done[i].towers);
  if (base) compareWithBaseline(results, base);
  return { machine: { ...machine, loadavg_end: loadavg() }, results };
}

function chooseBaseline(o: Record<string, unknown>, inProcess: boolean): Baseline {
  if (o['no-baseline'] || inProcess) return 'none';
  if (o.baseline !== undefined) {
    const kind = String(o.baseline);
    if (kind !== 'hf' && kind !== 'restatement' && kind !== 'none') throw new UsageError(`--baseline: expected hf, restatement or none, got "${kind}"`);
    return kind;
  }
  return oracleEnv() ? 'hf' : pytorchAvailable() ? 'restatement' : 'none';
}

interface RowContext {
  configSpec: string;
  config: Awaited<ReturnType<typeof benchConfig>>;
  seconds: number;
  threads: number;
  lock?: string;
  inProcess: boolean;
  progress: (message: string) => void;
  io: { stderr(text: string): void };
}

async function runRow(row: RowSpec, ctx: RowContext): Promise<BenchResult> {
  const { seconds, threads, config, configSpec } = ctx;
  const forward = (line: string) => ctx.io.stderr(`${line}\n`);
  const locked = (command: string, args: string[]): [string, string[]] => (ctx.lock ? ['flock', [ctx.lock, command, ...args]] : [command, args]);
  const failed = (error: string): BenchResult => ({ backend: row.backend, dtype: row.dtype, images_per_s_b1: null, images_per_s_b8: null, texts_per_s_b8: null, peak_rss_bytes: null, load_s: null, error });
  if (row.baseline === 'hf') {
    const env = oracleEnv();
    if (!env) return failed('the oracle (../shared/oracle/setup.sh) is not set up');
    const source = row.model ?? writeConfigFile(config);
    return runChild(...locked(...oracleCommand(env, hfScript, [source, String(seconds), String(threads), ...(row.towers ? ['text'] : [])])), row, forward);
  }
  if (row.baseline === 'restatement') {
    const result = await runChild(...locked(SYSTEM_PYTHON, [pytorchScript, writeConfigFile(config), String(seconds), String(threads)]), row, forward);
    return { ...result, threads, cpu: cpus()[0]?.model ?? 'unknown', note: `${result.note ?? ''} — a restatement, not HF transformers (the fallback baseline when the oracle is not set up)`.trim() };
  }
  const towers = row.towers;
  if (ctx.inProcess) {
    return runBenchWorker({ backend: row.backend, dtype: (row.dtype || 'fp32') as WeightDType, config, model: row.model, towers, threads, secondsPerMeasurement: seconds, progress: ctx.progress }).catch((error: Error) =>
      failed(error.message),
    );
  }
  const args = [launcher, 'bench', '--backends', row.backend, '--dtype', row.dtype || 'fp32', '--config', configSpec, '--seconds', String(seconds), '--threads', String(threads), '--worker'];
  if (row.model) args.push('--model', row.model);
  if (towers) args.push('--towers', towers.join(','));
  return runChild(...locked(process.execPath, args), row, forward);
}

function writeConfigFile(config: RowContext['config']): string {
  const file = join(mkdtempSync(join(tmpdir(), 'altclip-bench-')), 'config.json');
  writeFileSync(file, JSON.stringify(config.toDict()));
  return file;
}

/** Throughput ratios against the baseline row, and every row's load time against HF's from_pretrained. */
function compareWithBaseline(results: BenchResult[], base: BenchResult): void {
  for (const r of results) {
    if (base.images_per_s_b8) r.images_b8_vs_pytorch = r.images_per_s_b8 == null ? null : r.images_per_s_b8 / base.images_per_s_b8;
    if (base.texts_per_s_b8) r.texts_b8_vs_pytorch = r.texts_per_s_b8 == null ? null : r.texts_per_s_b8 / base.texts_per_s_b8;
    if (base.from_pretrained_s && base.source === 'checkpoint') r.load_vs_hf_from_pretrained = r.load_s == null ? null : r.load_s / base.from_pretrained_s;
  }
}
