import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../testing/captureIO.js';
import { fetchImage } from './fetchImage.js';
import { ImageFetchError } from './ImageFetchError.js';

describe('fetchImage (loopback HTTP server)', () => {
  const png = readFileSync(`${fixtureDir}/images/chelsea.png`);
  let server: Server;
  let base: string;
  const open = new Set<import('node:http').ServerResponse>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/chelsea.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'last-modified': 'Wed, 21 Oct 2026 07:28:00 GMT' });
        return res.end(png);
      }
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/chelsea.png' });
        return res.end();
      }
      if (req.url === '/declared-big') {
        res.writeHead(200, { 'content-length': String(1_000_000) });
        return res.end(Buffer.alloc(1_000_000));
      }
      if (req.url === '/chunked-big') {
        // No Content-Length: the limit is enforced while the body streams in.
        res.writeHead(200, { 'content-type': 'image/png' });
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(100_000));
        return res.end();
      }
      if (req.url === '/stall') {
        open.add(res);
        return; // never answers
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of open) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const limits = { timeoutMs: 2000, maxBytes: 500_000 };

  it('returns the bytes and Last-Modified, following redirects', async () => {
    const got = await fetchImage(`${base}/chelsea.png`, limits);
    expect(Buffer.from(got.bytes).equals(png)).toBe(true);
    expect(got.mtimeMs).toBe(Date.UTC(2026, 9, 21, 7, 28, 0));
    expect(Buffer.from((await fetchImage(`${base}/redirect`, limits)).bytes).equals(png)).toBe(true);
  });

  it('refuses an HTTP error, a body over the size limit (declared or streamed), a stalled server and a closed port with typed errors', async () => {
    // A port that was free a moment ago and has nobody listening.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const cases: [string, RegExp][] = [
      [`${base}/missing.png`, /missing\.png: HTTP 404 Not Found/],
      [`${base}/declared-big`, /1000000 bytes, over the limit of 500000/],
      [`${base}/chunked-big`, /body over the limit of 500000 bytes/],
      [`${base}/stall`, /no response within 300 ms/],
      [`http://127.0.0.1:${closedPort}/x.png`, /fetch failed \(ECONNREFUSED\)/],
    ];
    for (const [url, message] of cases) {
      const error = await fetchImage(url, { ...limits, timeoutMs: url.endsWith('stall') ? 300 : limits.timeoutMs }).catch((e) => e);
      expect(error, url).toBeInstanceOf(ImageFetchError);
      expect(error.message, url).toMatch(message);
      expect(error.url).toBe(url);
    }
  });
});
