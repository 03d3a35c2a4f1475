import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { l2Normalize, Tensor } from '@altclip/core';
import { assertBackendName } from '../backends/createBackend.js';
import { CliError, UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';
import { EmbeddingIndex, INDEX_FORMAT } from '../search/EmbeddingIndex.js';
import { listImages } from '../search/listImages.js';
import { ProgressBar } from '../search/ProgressBar.js';

export const indexCommand = defineCommand({
  name: 'index',
  summary: 'Embed every image under a folder into an index file (batched, resumable) for `altclip search`.',
  usage: '<folder> --model <dir> --out <file> [--backend <name>] [--batch-size N]',
  options: {
    model: { type: 'string', description: 'model folder', required: true, valueName: 'dir' },
    out: { type: 'string', description: 'index file (JSON Lines); an existing one is resumed', required: true, valueName: 'file' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
    dtype: { type: 'string', description: 'fp32, fp16 or int8', default: 'fp32', valueName: 'dtype' },
    'batch-size': { type: 'number', description: 'images per forward pass', default: 8, valueName: 'N' },
  },
  async run({ options, positionals }, io) {
    const [folderArg] = positionals;
    if (folderArg === undefined) throw new UsageError('expected the image folder to index');
    const folder = resolvePath(io, folderArg);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`${folderArg}: no such folder`);
    const batchSize = Number(options['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch-size: expected a positive integer, got ${options['batch-size']}`);
    assertBackendName(String(options.backend));
    const modelDir = resolvePath(io, String(options.model));
    if (!existsSync(modelDir)) throw new CliError(`model folder "${options.model}" does not exist`);
    const outPath = resolvePath(io, String(options.out));

    const files = listImages(folder);
    if (files.length === 0) throw new CliError(`${folderArg}: no image files found`);
    const processor = await loadProcessor(modelDir);
    const model = await loadModel(modelDir, String(options.backend), options.dtype);
    try {
      const dim = model.config.projection_dim;
      const dtype = String(options.dtype);
      const index = existsSync(outPath) ? await EmbeddingIndex.open(outPath) : await EmbeddingIndex.create(outPath, { format: INDEX_FORMAT, model: modelDir, folder, dim, dtype });
      if (index.header.dim !== dim) throw new CliError(`${options.out}: was built with embeddings of ${index.header.dim} values, this model gives ${dim}`);
      // One index, one dtype: resuming with another would mix vectors of two slightly different models.
      if ((index.header.dtype ?? 'fp32') !== dtype) throw new CliError(`${options.out}: was built with --dtype ${index.header.dtype ?? 'fp32'}, not ${dtype}; resume with the same dtype or write a new index`);
      const done = new Set(index.entries.map((e) => e.file));
      const todo = files.filter((f) => !done.has(f));
      if (done.size > 0) io.stderr(`resuming: ${done.size} of ${files.length} images already indexed\n`);
      const bar = new ProgressBar(files.length, (t) => io.stderr(t));
      let skipped = 0;
      for (let i = 0; i < todo.length; i += batchSize) {
        const batch = todo.slice(i, i + batchSize);
        // Decode one by one so that one unreadable file is reported and skipped, not fatal to the batch.
        const ok: { file: string; data: Float32Array; dims: readonly number[] }[] = [];
        for (const file of batch) {
          try {
            const { pixelValues } = await processor({ images: join(folder, file) });
            ok.push({ file, data: pixelValues!.data, dims: pixelValues!.dims });
          } catch (error) {
            skipped++;
            io.stderr(`${bar.tty ? '\n' : ''}skipping ${file}: ${(error as Error).message.split('\n')[0]}\n`);
          }
        }
        if (ok.length > 0) {
          const [, c, h, w] = ok[0].dims;
          const data = new Float32Array(ok.length * c * h * w);
          ok.forEach((item, n) => {
            data.set(item.data, n * c * h * w);
          });
          const embeds = l2Normalize(await model.getImageFeatures({ pixelValues: new Tensor('float32', data, [ok.length, c, h, w]) }));
          await index.append(ok.map((item, n) => ({ file: item.file, embedding: embeds.data.slice(n * dim, (n + 1) * dim) })));
        }
        bar.update(done.size + Math.min(i + batchSize, todo.length), done.size);
      }
      if (todo.length === 0) bar.update(files.length, done.size);
      io.stderr(`indexed ${index.entries.length} images${skipped ? `, skipped ${skipped} unreadable` : ''} → ${options.out}\n`);
    } finally {
      await model.dispose();
    }
  },
});
