import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WeightDType } from '@altclip/core';
import { BACKEND_NAMES, type BackendName, isBackendName } from '../backends/backendNames.js';
import type { BenchReport, BenchResult } from '../bench/BenchResult.js';
import { benchConfig } from '../bench/benchConfig.js';
import { formatBenchTable } from '../bench/formatBenchTable.js';
import { machineInfo } from '../bench/machineInfo.js';
import { runBenchWorker } from '../bench/runBenchWorker.js';
import { CliError, UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

const DTYPES: readonly WeightDType[] = ['fp32', 'fp16', 'int8'];
// tfjs-cpu (plain JavaScript kernels) needs minutes per full-size image; `reference` is float64 TypeScript.
// Both stay available with --backends.
const DEFAULT_BACKENDS: readonly BackendName[] = ['onnx', 'onnx-web', 'tfjs', 'webgpu'];
const launcher = fileURLToPath(new URL('../../bin/altclip.js', import.meta.url));
// The examples app lives in the monorepo; the processor's benchmark is a build output there, not a public export.
const processorBench = fileURLToPath(new URL('../../../../packages/processor/dist/bench/runBench.js', import.meta.url));
const pytorchScript = fileURLToPath(new URL('../../bench/pytorch_altclip.py', import.meta.url));
// Debian's python3-torch installs for the system interpreter, not for a python3 earlier on PATH.
const SYSTEM_PYTHON = '/usr/bin/python3';

function pytorchAvailable(): boolean {
  return spawnSync(SYSTEM_PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
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
  summary: 'Benchmark backends on random weights in a given architecture (default: the real BAAI/AltCLIP one).',
  usage: '[--config baai|<config.json>] [--backends <name>…] [--dtype <dtype>…] [--json]',
  options: {
    config: { type: 'string', description: 'architecture: "baai" or a config.json / model folder', default: 'baai', valueName: 'config' },
    backends: { type: 'list', description: `backends to run (default ${DEFAULT_BACKENDS.join(', ')}; any of ${BACKEND_NAMES.join(', ')})`, valueName: 'name' },
    dtype: { type: 'list', description: 'weight dtypes (default fp32 fp16 int8); a backend without one says so in its row', valueName: 'dtype' },
    json: { type: 'boolean', description: 'print the JSON report instead of a table' },
    seconds: { type: 'number', description: 'time budget per measurement, seconds', default: 20 },
    'no-baseline': { type: 'boolean', description: 'skip the eager-PyTorch baseline row (bench/pytorch_altclip.py; runs when python3-torch is installed)' },
    threads: { type: 'number', description: 'threads for the PyTorch baseline (the JS runtimes use their defaults)', default: 2 },
    'skip-processor': { type: 'boolean', description: "skip @altclip/processor's benchmark (image pipeline and tokenizer throughput)" },
    'in-process': { type: 'boolean', description: 'run in this process (no per-backend peak RSS; for tests)' },
    worker: { type: 'boolean', description: '(internal) measure one backend × dtype and print its JSON row' },
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
    const progress = (message: string) => io.stderr(`[bench] ${message}\n`);

    if (o.worker) {
      if (backends.length !== 1 || dtypes.length !== 1) throw new UsageError('--worker takes exactly one backend and one dtype');
      const result = await runBenchWorker({ backend: backends[0], dtype: dtypes[0], config, secondsPerMeasurement: seconds, progress });
      io.stdout(`${JSON.stringify(result)}\n`);
      return;
    }

    const results: BenchResult[] = [];
    for (const backend of backends) {
      if (!isBackendName(backend)) continue;
      for (const dtype of dtypes) {
        progress(`${backend}/${dtype}: starting`);
        const result = o['in-process']
          ? await runBenchWorker({ backend, dtype, config, secondsPerMeasurement: seconds, progress }).catch(
              (error: Error): BenchResult => ({ backend, dtype, images_per_s_b1: null, images_per_s_b8: null, texts_per_s_b8: null, peak_rss_bytes: null, load_s: null, error: error.message }),
            )
          : await runChild(
              process.execPath,
              [launcher, 'bench', '--backends', backend, '--dtype', dtype, '--config', configSpec, '--seconds', String(seconds), '--worker'],
              { backend, dtype },
              (line) => io.stderr(`${line}\n`),
            );
        if (result.error) progress(`${backend}/${dtype}: ${result.error}`);
        results.push(result);
      }
    }
    if (!o['no-baseline'] && !o['in-process']) {
      if (!pytorchAvailable()) {
        progress('pytorch baseline skipped: python3-torch is not installed (apt-get install python3-torch libopenblas0-pthread)');
      } else {
        const configFile = join(mkdtempSync(join(tmpdir(), 'altclip-bench-')), 'config.json');
        writeFileSync(configFile, JSON.stringify(config.toDict()));
        progress('pytorch/fp32: starting');
        const row = await runChild(SYSTEM_PYTHON, [pytorchScript, configFile, String(seconds), String(o.threads)], { backend: 'pytorch', dtype: 'fp32' }, (line) => io.stderr(`${line}\n`));
        results.unshift(row);
        const base = row.images_per_s_b8;
        if (base) for (const r of results) r.images_b8_vs_pytorch = r.images_per_s_b8 === null ? null : r.images_per_s_b8 / base;
        const baseText = row.texts_per_s_b8;
        if (baseText) for (const r of results) r.texts_b8_vs_pytorch = r.texts_per_s_b8 === null ? null : r.texts_per_s_b8 / baseText;
      }
    }
    const report: BenchReport = { machine: { ...machineInfo(), config: o.config }, results };
    if (!o['skip-processor'] && !o['in-process']) {
      progress('processor: image pipeline and tokenizer throughput');
      report.processor = await runJsonChild(process.execPath, [processorBench], (line) => io.stderr(`${line}\n`));
    }
    io.stdout(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatBenchTable(report));
  },
});
