import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertBackendName } from '../backends/createBackend.js';
import { CliError, UsageError } from '../cli/CliError.js';
import type { CommandIO } from '../cli/Command.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { embedImageFiles } from '../pipeline/embedImageFiles.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';
import { EmbeddingIndex } from '../search/EmbeddingIndex.js';
import { ProgressBar } from '../search/ProgressBar.js';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from '../sources/fetchImage.js';
import { readUrlList } from '../sources/readUrlList.js';
import { embeddingSpace } from '../store/embeddingSpace.js';
import { modelIdentity } from '../store/modelIdentity.js';
import { openOrCreateStore } from '../store/openOrCreateStore.js';
import { planReindex } from '../store/planReindex.js';
import { planUrlReindex } from '../store/planUrlReindex.js';
import { STORE_FORMAT } from '../store/StoreMeta.js';
import { DEFAULT_ANN_THRESHOLD, type ImageRecord, type VectorStore } from '../store/VectorStore.js';

function positiveInteger(options: Record<string, unknown>, name: string): number {
  const n = Number(options[name]);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name}: expected a positive integer, got ${options[name]}`);
  return n;
}

export const indexCommand = defineCommand({
  name: 'index',
  summary: 'Embed every image under a folder into a vector store (incremental; or through Redis workers) for `altclip search`.',
  usage:
    '<folder> --model <dir> --out <store dir> [--backend <name>] [--dtype fp32|fp16|int8] [--batch-size N] [--queue redis://host:port]  |  --urls <list file> --model <dir> --out <store dir> […]  |  --from-jsonl <file> --out <store dir>',
  options: {
    model: { type: 'string', description: 'model folder', valueName: 'dir' },
    out: { type: 'string', description: 'vector store folder (LanceDB); an existing one is brought up to date', required: true, valueName: 'dir' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
    dtype: { type: 'string', description: 'fp32, fp16 or int8', default: 'fp32', valueName: 'dtype' },
    'batch-size': { type: 'number', description: 'images per forward pass (per queue job with --queue)', default: 8, valueName: 'N' },
    queue: { type: 'string', description: 'enqueue batches on this Redis for `altclip worker`s instead of embedding here', valueName: 'redis://host:port' },
    'ann-threshold': { type: 'number', description: 'build the ANN index once the store holds this many vectors', default: DEFAULT_ANN_THRESHOLD, valueName: 'N' },
    'from-jsonl': { type: 'string', description: 'migrate a JSON Lines index written by earlier versions into the store', valueName: 'file' },
    urls: { type: 'string', description: 'index the http(s) image URLs listed in this file (one per line) instead of a folder', valueName: 'file' },
    'fetch-timeout-ms': { type: 'number', description: 'with --urls: give up on a URL after this long', default: DEFAULT_FETCH_LIMITS.timeoutMs, valueName: 'ms' },
    'max-bytes': { type: 'number', description: 'with --urls: refuse image bodies larger than this', default: DEFAULT_FETCH_LIMITS.maxBytes, valueName: 'N' },
    'lock-ms': { type: 'number', description: 'with --queue: how long a silent worker keeps its batch before it is given to another', default: 30_000, valueName: 'ms' },
  },
  async run({ options, positionals }, io) {
    const outDir = resolvePath(io, String(options.out));
    const threshold = positiveInteger(options, 'ann-threshold');
    if (options['from-jsonl'] !== undefined) {
      await migrateJsonl(io, resolvePath(io, String(options['from-jsonl'])), outDir, threshold);
      return;
    }
    const [folderArg] = positionals;
    const urlsArg = options.urls === undefined ? undefined : String(options.urls);
    if ((folderArg === undefined) === (urlsArg === undefined)) throw new UsageError('expected the image folder to index, or --urls <list file> (not both)');
    if (options.model === undefined) throw new UsageError('missing required option --model');
    // A URL store has no folder: its rows are keyed by URL.
    const folder = folderArg === undefined ? '' : resolvePath(io, folderArg);
    if (folderArg !== undefined && (!existsSync(folder) || !statSync(folder).isDirectory())) throw new CliError(`${folderArg}: no such folder`);
    const limits: FetchLimits = { timeoutMs: positiveInteger(options, 'fetch-timeout-ms'), maxBytes: positiveInteger(options, 'max-bytes') };
    const batchSize = positiveInteger(options, 'batch-size');
    assertBackendName(String(options.backend));
    const modelDir = resolvePath(io, String(options.model));
    if (!existsSync(modelDir)) throw new CliError(`model folder "${options.model}" does not exist`);
    const dtype = String(options.dtype);
    if (!['fp32', 'fp16', 'int8'].includes(dtype)) throw new UsageError(`--dtype: expected one of fp32, fp16, int8, got "${dtype}"`);

    const store = await openOrCreateStore(outDir, await embeddingSpace(modelDir, dtype, folder));
    const plan = urlsArg === undefined ? planReindex(folder, await store.files()) : planUrlReindex(await readUrlList(resolvePath(io, urlsArg), urlsArg), await store.files());
    if (plan.total === 0) throw new CliError(`${folderArg}: no image files found`);
    await store.remove(plan.removed);
    const todo = [...plan.added, ...plan.changed];
    io.stderr(`${plan.total} images: ${plan.added.length} new, ${plan.changed.length} changed, ${plan.removed.length} removed, ${plan.unchanged} unchanged\n`);

    let written = 0;
    let failed: { path: string; reason: string }[] = [];
    if (options.queue !== undefined) {
      // BullMQ is loaded only by the runs that use it.
      const { coordinateIndexing } = await import('../queue/coordinateIndexing.js');
      ({ written, failed } = await coordinateIndexing({ url: String(options.queue), store, paths: todo, batchSize, lockMs: positiveInteger(options, 'lock-ms'), limits, io }));
    } else if (todo.length > 0) {
      ({ written, failed } = await embedHere(io, store, modelDir, String(options.backend), dtype, folder, todo, batchSize, limits));
    }
    if (todo.length > 0 || plan.removed.length > 0) await store.optimize();
    const ann = await store.ensureAnnIndex(threshold);
    const total = await store.count();
    io.stderr(
      `embedded ${written} of ${todo.length} new or changed, removed ${plan.removed.length}` +
        `${failed.length ? `, skipped ${failed.length} unreadable` : ''}; ${total} images in ${options.out}` +
        `${ann === 'below-threshold' ? ' (exact search)' : ' (ANN index)'}\n`,
    );
  },
});

async function embedHere(io: CommandIO, store: VectorStore, modelDir: string, backend: string, dtype: string, folder: string, todo: string[], batchSize: number, limits: FetchLimits) {
  const processor = await loadProcessor(modelDir);
  // Indexing embeds images only: the text tower is never loaded.
  const model = await loadModel(modelDir, backend, dtype, ['vision']);
  const failed: { path: string; reason: string }[] = [];
  let written = 0;
  try {
    const bar = new ProgressBar(todo.length, (t) => io.stderr(t));
    for (let i = 0; i < todo.length; i += batchSize) {
      const result = await embedImageFiles(model, processor, folder, todo.slice(i, i + batchSize), limits);
      for (const f of result.failed) io.stderr(`${bar.tty ? '\n' : ''}skipping ${f.path}: ${f.reason}\n`);
      failed.push(...result.failed);
      // Written batch by batch: an interrupted run keeps what it embedded, and the next run skips it.
      await store.upsert(result.ok);
      written += result.ok.length;
      bar.update(Math.min(i + batchSize, todo.length));
    }
  } finally {
    await model.dispose();
  }
  return { written, failed };
}

/** JSON Lines indexes (format altclip-index/1) become stores; files still in their folder get their hash and mtime. */
async function migrateJsonl(io: CommandIO, file: string, outDir: string, threshold: number): Promise<void> {
  const old = await EmbeddingIndex.open(file);
  const { header } = old;
  const meta = {
    format: STORE_FORMAT,
    model: header.model,
    modelId: modelIdentity(header.model),
    dtype: header.dtype ?? 'fp32',
    dim: header.dim,
    imageSize: (await embeddingSpace(header.model, header.dtype ?? 'fp32', header.folder).catch(() => undefined))?.imageSize ?? 0,
    folder: header.folder,
  } as const;
  const store = await openOrCreateStore(outDir, meta);
  let missing = 0;
  const records: ImageRecord[] = old.entries.map((e) => {
    const path = join(header.folder, e.file);
    // A vanished file keeps its vector with an empty hash; the next `index` of the folder removes it.
    if (!existsSync(path)) {
      missing++;
      return { path: e.file, vector: e.embedding, sha256: '', mtimeMs: 0, bytes: 0 };
    }
    const bytes = readFileSync(path);
    return { path: e.file, vector: e.embedding, sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs: statSync(path).mtimeMs, bytes: bytes.byteLength };
  });
  for (let i = 0; i < records.length; i += 1000) await store.upsert(records.slice(i, i + 1000));
  await store.optimize();
  await store.ensureAnnIndex(threshold);
  io.stderr(`migrated ${records.length} images${missing ? ` (${missing} no longer in ${header.folder})` : ''} from ${file} → ${outDir}\n`);
}
