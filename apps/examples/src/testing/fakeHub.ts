import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_COMMIT = 'a'.repeat(40);

/**
 * The hub's URL layout on loopback: `/{owner}/{name}/resolve/{revision}/{file}` answered from one local
 * folder for one repo id, with the headers huggingface_hub reads (X-Repo-Commit, ETag = git blob sha1).
 */
export async function startFakeHub(repo: string, folder: string): Promise<{ endpoint: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const match = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(req.url ?? ''));
    if (!match || match[1] !== repo) {
      res.writeHead(404, { 'X-Error-Code': 'RepoNotFound' }).end();
      return;
    }
    const path = `${folder}/${match[3]}`;
    if (!existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'X-Error-Code': 'EntryNotFound', 'X-Repo-Commit': FAKE_COMMIT }).end();
      return;
    }
    const body = readFileSync(path);
    const etag = createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
    res.writeHead(200, { 'X-Repo-Commit': FAKE_COMMIT, ETag: `"${etag}"`, 'Content-Length': String(body.length), 'Content-Type': 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
