import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AltCLIPConfig } from '@altclip/config';
import { modelParameterSpecs, type Tensor, type WeightDType } from '@altclip/core';
import { loadFixture, ParityRun, parityTensorNames } from '@altclip/core/parity';
import { BACKEND_NAMES, type BackendName, TOLERANCE_NAMES } from '../backends/backendNames.js';
import { assertBackendName, createBackend } from '../backends/createBackend.js';
import { CliError, UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { formatParityTable } from '../parity/formatParityTable.js';
import type { ParityRow } from '../parity/ParityRow.js';
import { runParity } from '../parity/runParity.js';
import { syntheticFixtureFiles } from '../parity/syntheticFixtureFiles.js';
import { modelFolder } from '../pipeline/modelFolder.js';

/** Backends that run in Node without extra setup; webgpu joins when Dawn finds an adapter. */
const DEFAULT_BACKENDS: readonly BackendName[] = ['onnx', 'onnx-web', 'tfjs', 'webgpu'];
/** The float64 reference takes about a second per pass at 10 M parameters; beyond this an int8 report would take hours. */
const INT8_MODEL_LIMIT = 20_000_000;

export const parityCommand = defineCommand({
  name: 'parity',
  summary: "Compare every backend's outputs with HF's expected tensors (or with onnx-node when the folder has none).",
  usage: '--model <dir> [--backends <name>…] [--expected <expected.safetensors>] [--dtype fp32|fp16|int8] [--json]',
  options: {
    model: { type: 'string', description: 'model folder', required: true, valueName: 'dir' },
    backends: { type: 'list', description: `backends to compare (default: ${DEFAULT_BACKENDS.join(', ')}; also ${BACKEND_NAMES.filter((b) => !DEFAULT_BACKENDS.includes(b)).join(', ')})`, valueName: 'name' },
    expected: { type: 'string', description: "HF's outputs (default: the folder's expected.safetensors, with its expected.json)", valueName: 'file' },
    dtype: { type: 'string', description: 'fp32, fp16 or int8', default: 'fp32', valueName: 'dtype' },
    json: { type: 'boolean', description: 'print the rows as JSON' },
  },
  async run({ options }, io) {
    const dir = modelFolder(io, String(options.model));
    const dtype = String(options.dtype) as WeightDType;
    if (!['fp32', 'fp16', 'int8'].includes(dtype)) throw new UsageError(`--dtype: expected fp32, fp16 or int8, got "${dtype}"`);
    const backends = ((options.backends as string[] | undefined) ?? DEFAULT_BACKENDS).flatMap((b) => b.split(','));
    for (const b of backends) assertBackendName(b);
    const expectedPath = options.expected !== undefined ? resolvePath(io, String(options.expected)) : join(dir, 'expected.safetensors');
    if (options.expected !== undefined && !existsSync(expectedPath)) throw new CliError(`${options.expected}: no such file`);
    const hasGolden = existsSync(expectedPath) && existsSync(join(dir, 'expected.json'));
    const progress = (m: string) => io.stderr(`[parity] ${m}\n`);

    const config = await AltCLIPConfig.fromPretrained(dir);
    if (dtype === 'int8') {
      const parameters = modelParameterSpecs(config).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
      if (parameters > INT8_MODEL_LIMIT) {
        throw new UsageError(
          `--dtype int8: int8 bounds come from core's error model, 33 float64 reference passes of the model; ${(parameters / 1e6).toFixed(0)} M parameters is beyond the ${INT8_MODEL_LIMIT / 1e6} M this command allows (use a small checkpoint such as fixtures/altclip-tiny)`,
        );
      }
    }
    const overrides: Record<string, Uint8Array> = hasGolden
      ? { 'expected.safetensors': new Uint8Array(await readFile(expectedPath)) }
      : await syntheticFixtureFiles(dir, config);
    const fixture = await loadFixture({
      name: String(options.model),
      loader: async (file) => overrides[file] ?? new Uint8Array(await readFile(join(dir, file))),
    }).catch((error: Error) => {
      throw new CliError(`${options.model}: ${error.message}`);
    });

    let golden: Map<string, Tensor> | undefined;
    let against = `HF transformers (${hasGolden ? expectedPath : ''})`;
    if (!hasGolden) {
      against = 'onnx-node fp32 (the folder has no expected.safetensors)';
      progress('no golden tensors: computing the onnx-node fp32 outputs as the reference');
      const reference = new ParityRun({ fixture, createBackend: () => createBackend('onnx') });
      golden = new Map();
      try {
        for (const name of parityTensorNames(fixture)) {
          const t = await reference.compute(name);
          if (t) golden.set(name, t);
        }
      } finally {
        await reference.dispose();
      }
    }

    const rows: ParityRow[] = [];
    for (const name of backends as BackendName[]) {
      progress(`${name}/${dtype}: loading`);
      rows.push(...(await runParity(fixture, { label: name, toleranceName: TOLERANCE_NAMES[name], createBackend: () => createBackend(name) }, dtype, progress, golden)));
    }
    io.stdout(options.json ? `${JSON.stringify({ against, rows }, null, 2)}\n` : formatParityTable(rows, against));
    const failed = rows.filter((r) => r.status === 'fail');
    if (failed.length > 0) {
      throw new CliError(`parity failed: ${failed.map((r) => `${r.backend}/${r.dtype} ${r.output}`).join(', ')}`);
    }
  },
});
