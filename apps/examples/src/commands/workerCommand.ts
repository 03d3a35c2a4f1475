import { existsSync } from 'node:fs';
import { assertBackendName } from '../backends/createBackend.js';
import { CliError, UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';

export const workerCommand = defineCommand({
  name: 'worker',
  summary: 'Embed image batches queued by `altclip index --queue` until SIGTERM (which finishes the batch in hand).',
  usage: '--queue redis://host:port --model <dir> [--backend <name>] [--dtype fp32|fp16|int8] [--store <store dir>]',
  options: {
    queue: { type: 'string', description: 'the Redis the coordinator enqueues on', required: true, valueName: 'redis://host:port' },
    model: { type: 'string', description: "model folder (must be the index's model)", required: true, valueName: 'dir' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
    dtype: { type: 'string', description: "fp32, fp16 or int8 (must be the index's dtype)", default: 'fp32', valueName: 'dtype' },
    store: { type: 'string', description: "write vectors into this store (the coordinator's --out, as this machine sees it) instead of returning them", valueName: 'dir' },
  },
  async run({ options }, io) {
    assertBackendName(String(options.backend));
    const dtype = String(options.dtype);
    if (!['fp32', 'fp16', 'int8'].includes(dtype)) throw new UsageError(`--dtype: expected one of fp32, fp16, int8, got "${dtype}"`);
    const model = resolvePath(io, String(options.model));
    if (!existsSync(model)) throw new CliError(`model folder "${options.model}" does not exist`);
    const stop = new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    const { runWorker } = await import('../queue/runWorker.js');
    const store = options.store === undefined ? undefined : resolvePath(io, String(options.store));
    await runWorker({ url: String(options.queue), model, backend: String(options.backend), dtype, ...(store ? { store } : {}), io, stop });
  },
});
