import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type QueryEncoder, QueryImageError } from '../search/QueryEncoder.js';
import type { VectorStore } from '../store/VectorStore.js';
import { parseSearchRequest } from './parseSearchRequest.js';
import { QueryBatcher } from './QueryBatcher.js';
import { RequestError } from './RequestError.js';

/** Larger bodies are refused before they are read whole: an image query is one encoded file. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface SearchServer {
  server: Server;
  url: string;
  batcher: QueryBatcher;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) return reject(new RequestError(413, `body: larger than ${MAX_BODY_BYTES} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RequestError(413, `body: larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `altclip serve`'s HTTP side: `POST /search {text|image, top}` → `{results: [{file, score}]}`,
 * `GET /health`. Text queries from concurrent requests share forward passes (QueryBatcher). Any failure of
 * one request is answered on that request (4xx for the client's mistakes, 500 otherwise); the server stays up.
 */
export async function startSearchServer(store: VectorStore, encoder: QueryEncoder, options: { host: string; port: number }): Promise<SearchServer> {
  const batcher = new QueryBatcher((texts) => encoder.texts(texts));
  // Image queries go through the same queue discipline: one model call at a time.
  let imageChain: Promise<unknown> = Promise.resolve();
  const embedImage = (bytes: Uint8Array) => {
    const run = imageChain.then(() => encoder.image(bytes));
    imageChain = run.catch(() => undefined);
    return run;
  };
  const rows = await store.count();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      if (req.method !== 'GET') throw new RequestError(405, `${req.method} /health: use GET`);
      return send(res, 200, { status: 'ok', images: rows, model: store.meta.modelId, dtype: store.meta.dtype, dim: store.meta.dim, towers: encoder.loadedTowers, batches: batcher.batchSizes.length, largestBatch: Math.max(0, ...batcher.batchSizes) });
    }
    if (path !== '/search') throw new RequestError(404, `${path}: no such endpoint (POST /search, GET /health)`);
    if (req.method !== 'POST') throw new RequestError(405, `${req.method} /search: use POST`);
    const request = parseSearchRequest(await readBody(req));
    let query: Float32Array;
    if (request.text !== undefined) query = await batcher.embedText(request.text);
    else {
      try {
        query = await embedImage(request.image!);
      } catch (error) {
        // Undecodable bytes are the client's mistake (422); a vision tower that fails to load is the server's (500).
        if (error instanceof QueryImageError) throw new RequestError(422, error.message);
        throw error;
      }
    }
    const hits = await store.search(query, request.top);
    send(res, 200, { results: hits.map((h) => ({ file: h.path, score: h.score })) });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof RequestError) send(res, error.status, { error: error.message });
      else send(res, 500, { error: `internal error: ${(error as Error).message?.split('\n')[0] ?? String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${host}:${port}`,
    batcher,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
