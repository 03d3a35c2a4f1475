import { assertBackendName } from '../backends/createBackend.js';
import { UsageError } from '../cli/CliError.js';
import { defineCommand } from '../cli/Command.js';
import { resolvePath } from '../cli/resolvePath.js';
import { QueryEncoder } from '../search/QueryEncoder.js';
import { startSearchServer } from '../serve/startSearchServer.js';
import { VectorStore } from '../store/VectorStore.js';

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'Serve a store over HTTP: POST /search {text|image, top} → {results}, GET /health; runs until SIGTERM. Loads the text tower, and the vision tower at the first image query.',
  usage: '--index <store dir> --port N [--host 127.0.0.1] [--backend <name>]',
  options: {
    index: { type: 'string', description: 'vector store folder built by `altclip index`', required: true, valueName: 'dir' },
    port: { type: 'number', description: 'TCP port (0: any free one, printed on stderr)', required: true, valueName: 'N' },
    host: { type: 'string', description: 'address to listen on', default: '127.0.0.1', valueName: 'host' },
    backend: { type: 'string', description: 'onnx, onnx-web, tfjs, tfjs-cpu, webgpu or reference', default: 'onnx', valueName: 'name' },
  },
  async run({ options }, io) {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected 0 to 65535, got ${options.port}`);
    assertBackendName(String(options.backend));
    const store = await VectorStore.open(resolvePath(io, String(options.index)));
    const encoder = await QueryEncoder.load(store.meta, String(options.backend));
    // The text tower now (most queries are text, and a broken model should fail before the port opens); the
    // vision tower only when the first image query arrives.
    await encoder.warm('text');
    const server = await startSearchServer(store, encoder, { host: String(options.host), port });
    io.stderr(`serving ${options.index} (${await store.count()} images) on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    await server.close();
    await encoder.dispose();
  },
});
