// A loopback static host for an exported model folder, standing in for a CDN on another origin: it sends
// what a cross-origin host must send to a cross-origin-isolated page (CORS), and counts the requests it
// answers, so a test can tell downloads from Cache API hits.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

export interface StaticHost {
  readonly url: string;
  /** Paths requested so far (every method). */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startStaticHost(dir: string): Promise<StaticHost> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(path);
    // The page fetches in CORS mode; Access-Control-Allow-Origin lets a require-corp page read it.
    res.setHeader('Access-Control-Allow-Origin', '*');
    const file = normalize(join(dir, path));
    let size = -1;
    try {
      // Nothing outside the folder (a `..` path normalises out of it).
      if (file.startsWith(`${normalize(dir)}${sep}`)) size = statSync(file).isFile() ? statSync(file).size : -1;
    } catch {
      size = -1;
    }
    if (size < 0) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Length', String(size));
    res.setHeader('Content-Type', path.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
