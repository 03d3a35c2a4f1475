import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  server: Server;
  /** `http://127.0.0.1:port` */
  base: string;
  close(): Promise<void>;
}

/** A loopback HTTP server for tests: `routes` maps a path to a file to send (anything else: 404). */
export async function serveFiles(routes: Record<string, string>): Promise<FileServer> {
  const server = createServer((req, res) => {
    const file = routes[req.url ?? ''];
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200);
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
