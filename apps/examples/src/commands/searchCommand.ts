import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { assertBackendName } from '../backends/createBackend.js';
import { CliError, UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { QueryEncoder } from '../search/QueryEncoder.js';
import { VectorStore } from '../store/VectorStore.js';

export const searchCommand = defineCommand({
  name: 'search',
  summary: 'Query a store built by `altclip index` with text in any language, or with an image; prints the best-matching images.',
  usage: '<store dir> "<query>" [--top k] [--exact]  |  <store dir> --image <file> [--top k]',
  options: {
    top: { type: 'number', description: 'how many images to print', default: 5, valueName: 'k' },
    image: { type: 'string', description: 'search with this image instead of a text', valueName: 'file' },
    exact: { type: 'boolean', description: 'scan every vector even when the store has an ANN index' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  async run({ options, positionals }, io) {
    const [storeArg, ...queryParts] = positionals;
    if (storeArg === undefined) throw new UsageError('expected a store folder and a query');
    if ((queryParts.length === 0) === (options.image === undefined)) throw new UsageError('give either a text query or --image <file>');
    const top = Number(options.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top: expected a positive integer, got ${options.top}`);
    assertBackendName(String(options.backend));
    const storeDir = resolvePath(io, storeArg);
    if (existsSync(storeDir) && statSync(storeDir).isFile() && startsWith(storeDir, '{"format":"altclip-index/1"')) {
      throw new CliError(`${storeArg}: a JSON Lines index from an earlier version; migrate it with \`altclip index --from-jsonl ${storeArg} --out <store dir>\``);
    }
    const store = await VectorStore.open(storeDir);
    let imageBytes: Uint8Array | undefined;
    if (options.image !== undefined) {
      const path = resolvePath(io, String(options.image));
      if (!existsSync(path)) throw new CliError(`${options.image}: no such image file`);
      imageBytes = new Uint8Array(await readFile(path));
    }
    const encoder = await QueryEncoder.load(store.meta, String(options.backend));
    let query: Float32Array;
    try {
      query = imageBytes ? await encoder.image(imageBytes) : (await encoder.texts([queryParts.join(' ')]))[0];
    } finally {
      await encoder.dispose();
    }
    const hits = await store.search(query, top, { exact: Boolean(options.exact) });
    if (options.json) {
      io.stdout(`${JSON.stringify(hits.map((h) => ({ file: h.path, score: h.score })), null, 2)}\n`);
      return;
    }
    for (const h of hits) io.stdout(`${h.score.toFixed(4)}  ${h.path}\n`);
  },
});

/** Whether a file begins with `prefix` (reads only that many bytes: an old index can be gigabytes). */
function startsWith(path: string, prefix: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(prefix.length);
    return readSync(fd, buf, 0, buf.length, 0) === buf.length && buf.toString('utf8') === prefix;
  } finally {
    closeSync(fd);
  }
}
