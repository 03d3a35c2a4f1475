import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

/**
 * A Hugging Face hub on 127.0.0.1 for tests: `/{repo}/resolve/{revision}/{file}` with the headers the hub client
 * reads (X-Repo-Commit, ETag / X-Linked-Etag / X-Linked-Size), HEAD, Range (resumed downloads), CORS (browser tests
 * fetch it cross-origin) and faults injected per request (a status, a stall after the headers, a trickle, a reset,
 * no answer at all). Node only.
 */
export interface LoopbackHubOptions {
  /** repo id → filename → bytes. */
  readonly repos: Readonly<Record<string, Readonly<Record<string, Uint8Array>>>>;
  /** The commit every revision resolves to (default 40 × 'c'). */
  readonly commit?: string;
}

export interface LoopbackRequest {
  readonly method: string;
  readonly path: string;
  readonly range?: string;
  readonly authorization?: string;
}

/** What the next request for a file does instead of answering normally (one fault per request, in order). */
export type LoopbackFault =
  /** Answer with this status (and no body). */
  | { readonly kind: 'status'; readonly status: number }
  /** Send the headers and `afterBytes` bytes of the body, then nothing (the connection stays open). */
  | { readonly kind: 'stall'; readonly afterBytes: number }
  /** Send the body `bytes` at a time every `intervalMs`. */
  | { readonly kind: 'trickle'; readonly bytes: number; readonly intervalMs: number }
  /** Send the headers and `afterBytes` bytes, then reset the connection. */
  | { readonly kind: 'reset'; readonly afterBytes: number }
  /** Accept the connection and never answer (no headers). */
  | { readonly kind: 'silent' };

const EXPOSED = 'etag, x-repo-commit, x-linked-etag, x-linked-size, x-error-code, x-error-message, content-length, content-range';

/** Files the hub stores in LFS (sha256 ETags); the others are git blobs (sha1 of `blob <size>\0…`). */
function isLfs(filename: string): boolean {
  return /\.(safetensors|bin|model)$/.test(filename);
}

export class LoopbackHub {
  readonly endpoint: string;
  readonly commit: string;
  /** Every request, in order (OPTIONS preflights excluded). */
  readonly requests: LoopbackRequest[] = [];
  readonly #server: Server;
  readonly #repos: LoopbackHubOptions['repos'];
  readonly #faults = new Map<string, LoopbackFault[]>();
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  private constructor(server: Server, endpoint: string, options: LoopbackHubOptions) {
    this.#server = server;
    this.endpoint = endpoint;
    this.commit = options.commit ?? 'c'.repeat(40);
    this.#repos = options.repos;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(options: LoopbackHubOptions): Promise<LoopbackHub> {
    let hub: LoopbackHub | undefined;
    const server = createServer((req, res) => hub?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hub = new LoopbackHub(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options);
    return hub;
  }

  /** Reads `files` of a local folder (e.g. the fixture) into a repo's file map. */
  static async readFolder(dir: string, files: readonly string[]): Promise<Record<string, Uint8Array>> {
    return Object.fromEntries(await Promise.all(files.map(async (f) => [f, new Uint8Array(await readFile(join(dir, f)))] as const)));
  }

  /** Queues faults for the next GET requests of `filename` (any repo; `repo/filename` for one repo), one per request. */
  fault(filename: string, ...faults: LoopbackFault[]): void {
    this.#faults.set(filename, [...(this.#faults.get(filename) ?? []), ...faults]);
  }

  /** Queues faults for the next HEAD requests of `filename` (only 'status' and 'silent' apply to a HEAD). */
  faultHead(filename: string, ...faults: LoopbackFault[]): void {
    this.#faults.set(`HEAD ${filename}`, [...(this.#faults.get(`HEAD ${filename}`) ?? []), ...faults]);
  }

  /** GET requests so far, as `file` names (HEADs excluded). */
  downloads(): string[] {
    return this.requests.filter((r) => r.method === 'GET').map((r) => r.path.split('/resolve/')[1]?.split('/').slice(1).join('/') ?? r.path);
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', EXPOSED);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': 'authorization, range, accept-encoding', 'access-control-allow-methods': 'GET, HEAD' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', this.endpoint);
    if (url.pathname === '/__requests') {
      // The request log, for browser tests (they cannot read this object); not itself logged.
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(this.requests));
      return;
    }
    const faultRequest = /^\/__fault\/(stall|silent|status|trickle|reset)\/(.+)$/.exec(url.pathname);
    if (faultRequest) {
      // Queues a fault from a browser test (they cannot call fault()): /__fault/<kind>/<file>?afterBytes=&status=&bytes=&intervalMs=
      const n = (name: string) => Number(url.searchParams.get(name) ?? 0);
      const kind = faultRequest[1] as LoopbackFault['kind'];
      const fault = { kind, afterBytes: n('afterBytes'), status: n('status'), bytes: n('bytes'), intervalMs: n('intervalMs') } as LoopbackFault;
      this.fault(decodeURIComponent(faultRequest[2]), ...Array.from({ length: Math.max(1, n('times')) }, () => fault));
      res.writeHead(204, { 'cache-control': 'no-store' });
      res.end();
      return;
    }
    this.requests.push({ method: req.method ?? '', path: url.pathname, range: req.headers.range, authorization: req.headers.authorization });
    const match = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repo = match ? this.#repos[match[1]] : undefined;
    if (!match || !repo) {
      res.writeHead(401, { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' });
      res.end();
      return;
    }
    const revision = decodeURIComponent(match[2]);
    const filename = match[3].split('/').map(decodeURIComponent).join('/');
    if (revision !== 'main' && revision !== this.commit) {
      res.writeHead(404, { 'x-error-code': 'RevisionNotFound' });
      res.end();
      return;
    }
    const data = repo[filename];
    if (!data) {
      res.writeHead(404, { 'x-error-code': 'EntryNotFound', 'x-repo-commit': this.commit });
      res.end();
      return;
    }
    // A fault queued for `repo/file` applies to that repo only; one queued for `file` to any repo.
    const head = req.method === 'HEAD' ? 'HEAD ' : '';
    const qualified = `${head}${match[1]}/${filename}`;
    const fault = (this.#faults.get(qualified)?.length ? this.#faults.get(qualified) : this.#faults.get(`${head}${filename}`))?.shift();
    if (fault?.kind === 'silent') return;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'x-repo-commit': this.commit });
      res.end();
      return;
    }
    const headers: Record<string, string> = { 'x-repo-commit': this.commit, 'accept-ranges': 'bytes' };
    if (isLfs(filename)) {
      const oid = createHash('sha256').update(data).digest('hex');
      Object.assign(headers, { 'x-linked-etag': `"${oid}"`, 'x-linked-size': String(data.length), etag: `"${oid}"` });
    } else {
      headers.etag = `"${createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex')}"`;
    }
    let body = data;
    let status = 200;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && req.method === 'GET') {
      const start = Number(range[1]);
      if (start >= data.length) {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${data.length}` });
        res.end();
        return;
      }
      body = data.subarray(start);
      status = 206;
      headers['content-range'] = `bytes ${start}-${data.length - 1}/${data.length}`;
    }
    headers['content-length'] = String(req.method === 'HEAD' ? data.length : body.length);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (fault?.kind === 'stall') {
      res.write(body.subarray(0, fault.afterBytes));
      return;
    }
    if (fault?.kind === 'reset') {
      res.write(body.subarray(0, fault.afterBytes), () => res.socket?.destroy());
      return;
    }
    if (fault?.kind === 'trickle') {
      let at = 0;
      const tick = () => {
        if (res.destroyed) return;
        const next = Math.min(body.length, at + fault.bytes);
        res.write(body.subarray(at, next));
        at = next;
        if (at >= body.length) {
          res.end();
          return;
        }
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          tick();
        }, fault.intervalMs);
        this.#timers.add(timer);
      };
      tick();
      return;
    }
    res.end(body);
  }
}
