import { existsSync } from 'node:fs';
import type { WeightDType } from '@altclip/core';
import { type ExportTower, exportModel } from '@altclip/backend-onnx/node';
import { UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

const DTYPES = ['fp32', 'fp16', 'int8', 'q4'];

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Write a deployable folder: ONNX tower graphs (external data), config, tokenizer/preprocessor files and a manifest; load it with fromPretrained — nothing is built.',
  usage: '--model <dir | hub id> --dtype fp32|fp16|int8|q4 [--towers text,vision] [--target cpu|webgpu] --out <dir>',
  options: {
    model: { type: 'string', description: 'checkpoint folder or Hub repo id', required: true, valueName: 'dir|id' },
    dtype: { type: 'string', description: 'fp32, fp16, int8 or q4 (4-bit blocks of 32, MatMulNBits)', default: 'fp32', valueName: 'dtype' },
    towers: { type: 'string', description: 'comma-separated: text, vision', default: 'text,vision', valueName: 'list' },
    target: { type: 'string', description: "cpu (onnx-node, onnx-web wasm) or webgpu (the WebGPU EP's graph variants)", default: 'cpu', valueName: 'name' },
    'int8-activations': { type: 'string', description: "int8: 'per-row' (default here, like the CLI's loaders) or 'per-tensor'", default: 'per-row', valueName: 'mode' },
    'q4-zero-points': { type: 'boolean', description: 'q4: per-block zero points (asymmetric grid)' },
    'no-parity': { type: 'boolean', description: 'skip the parity measurement at export (a float64 reference pass; slow at full size)' },
    out: { type: 'string', description: 'output folder (new or empty)', required: true, valueName: 'dir' },
  },
  async run({ options }, io) {
    const dtype = String(options.dtype);
    if (!DTYPES.includes(dtype)) throw new UsageError(`--dtype: expected one of ${DTYPES.join(', ')}, got "${dtype}"`);
    const towers = String(options.towers).split(',').map((t) => t.trim());
    for (const t of towers) if (t !== 'text' && t !== 'vision') throw new UsageError(`--towers: expected text and/or vision (comma-separated), got "${t}"`);
    const target = String(options.target);
    if (target !== 'cpu' && target !== 'webgpu') throw new UsageError(`--target: expected cpu or webgpu, got "${target}"`);
    const activations = String(options['int8-activations']);
    if (activations !== 'per-row' && activations !== 'per-tensor') throw new UsageError(`--int8-activations: expected per-row or per-tensor, got "${activations}"`);
    const model = String(options.model);
    const local = resolvePath(io, model);
    const { manifest } = await exportModel({
      model: existsSync(local) ? local : model,
      out: resolvePath(io, String(options.out)),
      dtype: dtype as WeightDType,
      towers: towers as ExportTower[],
      target,
      int8Activations: activations,
      q4ZeroPoints: options['q4-zero-points'] === true,
      parity: options['no-parity'] !== true,
      onLog: (message) => io.stderr(`${message}\n`),
    });
    const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
    io.stdout(`${JSON.stringify({ out: String(options.out), dtype: manifest.dtype, towers: Object.keys(manifest.towers), files: manifest.files.length, bytes, parity: manifest.parity }, null, 2)}\n`);
  },
});
