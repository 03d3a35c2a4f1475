import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchHubFile } from '../client/fetchHubFile.js';
import {
  ChecksumMismatchError,
  EntryNotFoundError,
  GatedRepoError,
  HubRetriesExhaustedError,
  HubTimeoutError,
  LocalEntryNotFoundError,
  OfflineModeIsEnabledError,
  RepositoryNotFoundError,
  RevisionNotFoundError,
} from '../client/HubErrors.js';
import type { HubOptions } from '../client/HubOptions.js';
import type { HubProgress } from '../client/HubProgress.js';
import { modelFileExists, resolveModelFile } from '../client/resolveModelFile.js';
import { hfHubDownload } from './hfHubDownload.js';

// ---- a local hub: the resolve API on one port, the LFS "CDN" on another (a different host for the client) ----

const fixtureDir = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
const COMMIT_MAIN = 'a'.repeat(40);
const COMMIT_OLD = 'b'.repeat(40);
const TOKEN = 'hf_local_test_token';

interface RepoFile {
  readonly data: Uint8Array;
  readonly lfs: boolean;
}
interface Repo {
  readonly access: 'public' | 'private' | 'gated';
  readonly refs: Record<string, string>;
  readonly commits: Record<string, Record<string, RepoFile>>;
}
interface LoggedRequest {
  readonly server: 'hub' | 'cdn';
  readonly method: string;
  readonly path: string;
  readonly range?: string;
  readonly authorization?: string;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const gitSha1 = (data: Uint8Array) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');

let hub: Server;
let cdn: Server;
let hubUrl = '';
let cdnUrl = '';
const log: LoggedRequest[] = [];
/** Blobs (by sha256) whose next CDN response is cut after this many bytes. */
const cutOnce = new Map<string, number>();
/** Blobs whose next CDN response stalls (headers and this many bytes, then silence). */
const stallOnce = new Map<string, number>();
/** Responses left hanging on purpose, ended after the tests. */
const hanging: ServerResponse[] = [];
/** Blobs served with one byte flipped. */
const corrupt = new Set<string>();
const blobs = new Map<string, Uint8Array>();
let repos: Record<string, Repo> = {};

function lfsFile(data: Uint8Array): RepoFile {
  blobs.set(sha256(data), data);
  return { data, lfs: true };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: Uint8Array) {
  res.writeHead(status, headers);
  res.end(body);
}

function handleHub(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', hubUrl);
  log.push({ server: 'hub', method: req.method ?? '', path: url.pathname, range: req.headers.range, authorization: req.headers.authorization });
  if (url.pathname.startsWith('/slow/')) {
    hanging.push(res);
    return;
  }
  const renamed = /^\/old-name\/AltCLIP\/(.*)$/.exec(url.pathname);
  if (renamed) return send(res, 307, { location: `/BAAI/AltCLIP/${renamed[1]}` });
  const match = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
  if (!match) return send(res, 404, {});
  const [, repoId, rawRevision, rawFile] = match;
  const revision = decodeURIComponent(rawRevision);
  const file = rawFile.split('/').map(decodeURIComponent).join('/');
  const repo = repos[repoId];
  const authorized = req.headers.authorization === `Bearer ${TOKEN}`;
  if (!repo || (repo.access === 'private' && !authorized)) {
    return send(res, 401, { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' });
  }
  if (repo.access === 'gated' && !authorized) {
    return send(res, 403, { 'x-error-code': 'GatedRepo', 'x-error-message': 'Access to model is restricted' });
  }
  const commit = repo.commits[revision] ? revision : repo.refs[revision];
  if (!commit) return send(res, 404, { 'x-error-code': 'RevisionNotFound' });
  const entry = repo.commits[commit][file];
  if (!entry) return send(res, 404, { 'x-error-code': 'EntryNotFound', 'x-repo-commit': commit });
  if (entry.lfs) {
    const oid = sha256(entry.data);
    return send(res, 302, {
      location: `${cdnUrl}/blobs/${oid}`,
      'x-repo-commit': commit,
      'x-linked-etag': `"${oid}"`,
      'x-linked-size': String(entry.data.length),
      etag: `W/"${gitSha1(new TextEncoder().encode(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\n`))}"`,
    });
  }
  const headers = { 'x-repo-commit': commit, etag: `"${gitSha1(entry.data)}"`, 'content-length': String(entry.data.length) };
  return send(res, 200, headers, req.method === 'HEAD' ? undefined : entry.data);
}

function handleCdn(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', cdnUrl);
  log.push({ server: 'cdn', method: req.method ?? '', path: url.pathname, range: req.headers.range, authorization: req.headers.authorization });
  const oid = url.pathname.replace('/blobs/', '');
  const original = blobs.get(oid);
  if (!original) return send(res, 404, {});
  let data = original;
  if (corrupt.has(oid)) {
    data = original.slice();
    data[data.length >> 1] ^= 0xff;
  }
  let start = 0;
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range) {
    start = Number(range[1]);
    if (start >= data.length) return send(res, 416, { 'content-range': `bytes */${data.length}` });
  }
  const body = data.subarray(start);
  const headers: Record<string, string> = { 'content-length': String(body.length), etag: `"${oid}"` };
  if (range) headers['content-range'] = `bytes ${start}-${data.length - 1}/${data.length}`;
  const stall = stallOnce.get(oid);
  if (stall !== undefined && req.method === 'GET') {
    stallOnce.delete(oid);
    res.writeHead(range ? 206 : 200, headers);
    res.write(body.subarray(0, stall));
    hanging.push(res);
    return;
  }
  const cut = cutOnce.get(oid);
  if (cut !== undefined && req.method === 'GET') {
    cutOnce.delete(oid);
    res.writeHead(range ? 206 : 200, headers);
    res.write(body.subarray(0, cut), () => setTimeout(() => res.destroy(), 20));
    return;
  }
  return send(res, range ? 206 : 200, headers, req.method === 'HEAD' ? undefined : body);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// ---- fixture data ----

const bin = new Uint8Array(await readFile(join(fixtureDir, 'pytorch_model.bin')));
const config = new Uint8Array(await readFile(join(fixtureDir, 'config.json')));
const oldConfig = new TextEncoder().encode('{"old": true}\n');
const binOid = sha256(bin);

let cacheDir = '';
let options: HubOptions = {};

beforeAll(async () => {
  hub = createServer(handleHub);
  cdn = createServer(handleCdn);
  hubUrl = await listen(hub);
  cdnUrl = await listen(cdn);
  const main = { 'config.json': { data: config, lfs: false }, 'pytorch_model.bin': lfsFile(bin) };
  repos = {
    'BAAI/AltCLIP': {
      access: 'public',
      refs: { main: COMMIT_MAIN, v0: COMMIT_OLD },
      commits: { [COMMIT_MAIN]: main, [COMMIT_OLD]: { 'config.json': { data: oldConfig, lfs: false } } },
    },
    'BAAI/AltCLIP-m9': { access: 'private', refs: { main: COMMIT_MAIN }, commits: { [COMMIT_MAIN]: main } },
    'BAAI/AltCLIP-m18': { access: 'gated', refs: { main: COMMIT_MAIN }, commits: { [COMMIT_MAIN]: main } },
  };
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await Promise.all([hub, cdn].map((s) => new Promise((resolve) => s.close(resolve))));
});

beforeEach(async () => {
  log.length = 0;
  cutOnce.clear();
  stallOnce.clear();
  corrupt.clear();
  cacheDir = await mkdtemp(join(tmpdir(), 'altclip-hub-'));
  // An explicit env keeps the developer's own HF_* variables and token file out of the tests.
  options = { endpoint: hubUrl, cacheDir, env: { HF_HOME: join(cacheDir, 'home') }, retryDelayMs: 10 };
  return () => rm(cacheDir, { recursive: true, force: true });
});

const repoDir = () => join(cacheDir, 'models--BAAI--AltCLIP');
const requests = (method?: string) => log.filter((r) => method === undefined || r.method === method);

// ---- tests ----

describe('hfHubDownload against a local hub', () => {
  it('cold download: HF cache layout, relative symlinks, verified bytes, progress events, no token sent to the CDN', async () => {
    const events: HubProgress[] = [];
    const result = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, token: TOKEN, onProgress: (e) => events.push(e) });
    const small = await hfHubDownload('BAAI/AltCLIP', 'config.json', options);

    expect(result).toEqual({ path: join(repoDir(), 'snapshots', COMMIT_MAIN, 'pytorch_model.bin'), commitHash: COMMIT_MAIN });
    expect(await readlink(result.path)).toBe(`../../blobs/${binOid}`);
    expect(await readlink(small.path)).toBe(`../../blobs/${gitSha1(config)}`);
    expect(Buffer.compare(await readFile(result.path), bin)).toBe(0);
    expect(await readFile(join(repoDir(), 'refs', 'main'), 'utf8')).toBe(COMMIT_MAIN);
    expect((await readdir(join(repoDir(), 'blobs'))).sort()).toEqual([binOid, gitSha1(config)].sort());

    expect(events.at(-1)).toEqual({ file: 'pytorch_model.bin', loaded: bin.length, total: bin.length });
    expect(events.every((e, i) => i === 0 || e.loaded >= events[i - 1].loaded)).toBe(true);
    const cdnGets = log.filter((r) => r.server === 'cdn');
    expect(cdnGets.length).toBe(1);
    expect(cdnGets[0].authorization).toBeUndefined();
    expect(log.find((r) => r.server === 'hub' && r.method === 'HEAD')?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('cache hit: a branch costs one HEAD and no GET; a commit hash or localFilesOnly costs no request', async () => {
    await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', options);
    log.length = 0;
    const again = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', options);
    expect(requests('GET')).toEqual([]);
    expect(requests('HEAD').length).toBe(1);
    log.length = 0;
    expect((await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, revision: COMMIT_MAIN })).path).toBe(again.path);
    expect((await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, localFilesOnly: true })).path).toBe(again.path);
    expect(log).toEqual([]);
  });

  it('reuses a cache laid out by Python huggingface_hub, with no request when offline', async () => {
    // What huggingface_hub 0.26 leaves behind: blob named by the sha256, refs/main, a relative snapshot symlink.
    await mkdir(join(repoDir(), 'blobs'), { recursive: true });
    await mkdir(join(repoDir(), 'refs'), { recursive: true });
    await mkdir(join(repoDir(), 'snapshots', COMMIT_MAIN), { recursive: true });
    await writeFile(join(repoDir(), 'blobs', binOid), bin);
    await writeFile(join(repoDir(), 'refs', 'main'), COMMIT_MAIN);
    await symlink(`../../blobs/${binOid}`, join(repoDir(), 'snapshots', COMMIT_MAIN, 'pytorch_model.bin'));
    const file = await resolveModelFile('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, env: { ...options.env, HF_HUB_OFFLINE: '1' } });
    expect(file.commitHash).toBe(COMMIT_MAIN);
    // The bytes are the Python-written blob's (core's tests parse the same checkpoint).
    expect(Buffer.compare(await file.read(0, file.size), bin)).toBe(0);
    await file.close();
    expect(log).toEqual([]);
  });

  it('online, an existing blob only gains a snapshot pointer (no GET)', async () => {
    await mkdir(join(repoDir(), 'blobs'), { recursive: true });
    await writeFile(join(repoDir(), 'blobs', binOid), bin);
    const { path } = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', options);
    expect(await readlink(path)).toBe(`../../blobs/${binOid}`);
    expect(requests('GET')).toEqual([]);
  });

  it('offline mode: cached files only, no request; a miss is LocalEntryNotFoundError caused by OfflineModeIsEnabledError', async () => {
    const offline = { ...options, env: { ...options.env, HF_HUB_OFFLINE: '1' } };
    const error = await hfHubDownload('BAAI/AltCLIP', 'config.json', offline).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalEntryNotFoundError);
    expect((error as Error).cause).toBeInstanceOf(OfflineModeIsEnabledError);
    expect(String(error)).toMatch(/HF_HUB_OFFLINE/);
    expect(log).toEqual([]);
    await hfHubDownload('BAAI/AltCLIP', 'config.json', options);
    log.length = 0;
    const { path } = await hfHubDownload('BAAI/AltCLIP', 'config.json', offline);
    expect(await readFile(path, 'utf8')).toBe(new TextDecoder().decode(config));
    expect(log).toEqual([]);
    await expect(hfHubDownload('BAAI/AltCLIP', 'config.json', { ...options, localFilesOnly: true, revision: 'v0' })).rejects.toBeInstanceOf(
      LocalEntryNotFoundError,
    );
  });

  it('pinned revisions: a tag resolves to its commit (refs/<tag>), a commit hash is used as is', async () => {
    const byTag = await hfHubDownload('BAAI/AltCLIP', 'config.json', { ...options, revision: 'v0' });
    expect(byTag.commitHash).toBe(COMMIT_OLD);
    expect(await readFile(byTag.path, 'utf8')).toBe('{"old": true}\n');
    expect(await readFile(join(repoDir(), 'refs', 'v0'), 'utf8')).toBe(COMMIT_OLD);
    const byCommit = await hfHubDownload('BAAI/AltCLIP', 'config.json', { ...options, revision: COMMIT_MAIN });
    expect(await readFile(byCommit.path)).toEqual(Buffer.from(config));
    await expect(hfHubDownload('BAAI/AltCLIP', 'config.json', { ...options, revision: 'nope' })).rejects.toBeInstanceOf(RevisionNotFoundError);
    expect(log.some((r) => r.path === `/BAAI/AltCLIP/resolve/v0/config.json`)).toBe(true);
  });

  it('follows a relative redirect (renamed repository) but keeps the requested repo id in the cache', async () => {
    const { path } = await hfHubDownload('old-name/AltCLIP', 'config.json', options);
    expect(path).toBe(join(cacheDir, 'models--old-name--AltCLIP', 'snapshots', COMMIT_MAIN, 'config.json'));
    expect(await readFile(path)).toEqual(Buffer.from(config));
  });

  it('resumes a download cut mid-file in-process (Range request) and verifies the sha256', async () => {
    cutOnce.set(binOid, 200_000);
    const events: HubProgress[] = [];
    const { path } = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, onProgress: (e) => events.push(e) });
    expect(Buffer.compare(await readFile(path), bin)).toBe(0);
    const cdnRequests = log.filter((r) => r.server === 'cdn');
    expect(cdnRequests.length).toBe(2);
    expect(cdnRequests[0].range).toBeUndefined();
    expect(cdnRequests[1].range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(cdnRequests[1].range as string)?.[0])).toBeGreaterThan(0);
    expect(events.at(-1)?.loaded).toBe(bin.length);
  });

  it('aborts a stalled download after downloadTimeoutMs of silence and resumes it', async () => {
    stallOnce.set(binOid, 100_000);
    const { path } = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, downloadTimeoutMs: 300 });
    expect(Buffer.compare(await readFile(path), bin)).toBe(0);
    expect(log.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual([undefined, 'bytes=100000-']);
  });

  it('gives up on a silent hub after etagTimeoutMs and its retries (then only the cache can answer)', async () => {
    const started = Date.now();
    const error = await hfHubDownload('slow/hub', 'config.json', { ...options, etagTimeoutMs: 200, maxRetries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRetriesExhaustedError);
    expect((error as HubRetriesExhaustedError).attempts).toBe(3);
    expect((error as Error).cause).toBeInstanceOf(HubTimeoutError);
    expect(((error as Error).cause as HubTimeoutError).phase).toBe('connect');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('resumes from a .incomplete file an earlier process left behind', async () => {
    await mkdir(join(repoDir(), 'blobs'), { recursive: true });
    await writeFile(join(repoDir(), 'blobs', `${binOid}.incomplete`), bin.subarray(0, 123_456));
    const events: HubProgress[] = [];
    const { path } = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, onProgress: (e) => events.push(e) });
    expect(Buffer.compare(await readFile(path), bin)).toBe(0);
    expect(log.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual(['bytes=123456-']);
    expect(events[0].loaded).toBeGreaterThan(123_456);
    await expect(stat(join(repoDir(), 'blobs', `${binOid}.incomplete`))).rejects.toThrow();
  });

  it('404: EntryNotFoundError, remembered in .no_exist so a pinned lookup needs no request', async () => {
    const error = await hfHubDownload('BAAI/AltCLIP', 'model.safetensors', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntryNotFoundError);
    expect((error as EntryNotFoundError).status).toBe(404);
    await stat(join(repoDir(), '.no_exist', COMMIT_MAIN, 'model.safetensors'));
    log.length = 0;
    expect(await modelFileExists('BAAI/AltCLIP', 'model.safetensors', { ...options, revision: COMMIT_MAIN })).toBe(false);
    expect(await modelFileExists('BAAI/AltCLIP', 'config.json', { ...options, revision: COMMIT_MAIN })).toBe(true);
    expect(log.filter((r) => r.path.endsWith('model.safetensors'))).toEqual([]);
  });

  it('401: RepositoryNotFoundError without a token; the token (option or HF_TOKEN) opens it; gated → GatedRepoError', async () => {
    await expect(hfHubDownload('BAAI/AltCLIP-m9', 'config.json', options)).rejects.toBeInstanceOf(RepositoryNotFoundError);
    await expect(hfHubDownload('BAAI/AltCLIP-m9', 'config.json', { ...options, token: 'wrong' })).rejects.toThrow(/401.*HF_TOKEN/s);
    expect((await hfHubDownload('BAAI/AltCLIP-m9', 'config.json', { ...options, token: TOKEN })).commitHash).toBe(COMMIT_MAIN);
    await rm(cacheDir, { recursive: true, force: true });
    const viaEnv = { ...options, env: { ...options.env, HF_TOKEN: TOKEN } };
    expect((await hfHubDownload('BAAI/AltCLIP-m9', 'pytorch_model.bin', viaEnv)).commitHash).toBe(COMMIT_MAIN);
    await expect(hfHubDownload('BAAI/AltCLIP-m18', 'config.json', options)).rejects.toBeInstanceOf(GatedRepoError);
    await expect(hfHubDownload('nobody/nothing', 'config.json', options)).rejects.toBeInstanceOf(RepositoryNotFoundError);
  });

  it('concurrent calls for one file share one download', async () => {
    const [a, b] = await Promise.all([
      hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', options),
      hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', options),
    ]);
    expect(a.path).toBe(b.path);
    expect(Buffer.compare(await readFile(a.path), bin)).toBe(0);
    expect(log.filter((r) => r.server === 'cdn').length).toBe(1);
  });

  it('a corrupt blob fails its sha256 check and leaves nothing in the cache', async () => {
    corrupt.add(binOid);
    const error = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as ChecksumMismatchError).expected).toBe(binOid);
    expect(await readdir(join(repoDir(), 'blobs'))).toEqual([]);
    await expect(stat(join(repoDir(), 'snapshots', COMMIT_MAIN, 'pytorch_model.bin'))).rejects.toThrow();
    corrupt.clear();
    const { path } = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', options);
    expect(Buffer.compare(await readFile(path), bin)).toBe(0);
  });

  it('an unreachable hub falls back to the cache, else HubRetriesExhaustedError (the connection failures retried)', async () => {
    await hfHubDownload('BAAI/AltCLIP', 'config.json', options);
    const down = { ...options, endpoint: 'http://127.0.0.1:9', maxRetries: 2 };
    expect((await hfHubDownload('BAAI/AltCLIP', 'config.json', down)).commitHash).toBe(COMMIT_MAIN);
    const error = await hfHubDownload('BAAI/AltCLIP', 'pytorch_model.bin', down).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRetriesExhaustedError);
    expect((error as HubRetriesExhaustedError).attempts).toBe(3);
  });

  it('honours HF_ENDPOINT and HF_HOME / HF_HUB_CACHE', async () => {
    const home = join(cacheDir, 'hf-home');
    const viaHome = await hfHubDownload('BAAI/AltCLIP', 'config.json', { env: { HF_ENDPOINT: `${hubUrl}/`, HF_HOME: home }, retryDelayMs: 10 });
    expect(viaHome.path).toBe(join(home, 'hub', 'models--BAAI--AltCLIP', 'snapshots', COMMIT_MAIN, 'config.json'));
    const hubCache = join(cacheDir, 'explicit-cache');
    const viaCache = await hfHubDownload('BAAI/AltCLIP', 'config.json', { env: { HF_ENDPOINT: hubUrl, HF_HOME: home, HF_HUB_CACHE: hubCache } });
    expect(viaCache.path.startsWith(hubCache)).toBe(true);
  });
});

describe('resolveModelFile', () => {
  it('reads a local directory, and reports a missing file there as EntryNotFoundError', async () => {
    const file = await resolveModelFile(fixtureDir, 'config.json');
    expect(file.path).toBe(join(fixtureDir, 'config.json'));
    expect(file.size).toBe(config.length);
    await file.close();
    await expect(resolveModelFile(fixtureDir, 'model.safetensors.index.json')).rejects.toBeInstanceOf(EntryNotFoundError);
    expect(await modelFileExists(fixtureDir, 'model.safetensors.index.json')).toBe(false);
  });

  it('hands a hub file over as a random-access ByteSource (core checkpoint readers take it as is)', async () => {
    const file = await resolveModelFile('BAAI/AltCLIP', 'pytorch_model.bin', options);
    expect(file.source.size).toBe(bin.length);
    expect(await file.read(100, 50)).toEqual(bin.subarray(100, 150));
    expect(await file.read(bin.length - 4, 4)).toEqual(bin.subarray(bin.length - 4));
    await file.close();
  });

  it('refuses sources that are neither a directory nor a hub id, and filenames that leave the repository', async () => {
    await expect(resolveModelFile('./does/not/exist', 'config.json', options)).rejects.toThrow(/neither a local directory nor a valid hub id/);
    await expect(resolveModelFile('BAAI/AltCLIP', '../../etc/passwd', options)).rejects.toThrow(/not a relative path/);
    expect(log).toEqual([]);
  });
});

describe('fetchHubFile (the browser path, run here with a stub Cache API)', () => {
  function stubCaches() {
    const store = new Map<string, Response>();
    const cache = {
      match: async (url: string) => store.get(url)?.clone(),
      put: async (url: string, response: Response) => void store.set(url, response),
    };
    const previous = Object.getOwnPropertyDescriptor(globalThis, 'caches');
    Object.defineProperty(globalThis, 'caches', { value: { open: async () => cache }, configurable: true });
    return { store, restore: () => (previous ? Object.defineProperty(globalThis, 'caches', previous) : delete (globalThis as { caches?: unknown }).caches) };
  }

  it('fetches through the LFS redirect, caches by URL, serves a pinned commit and offline mode from the cache', async () => {
    const { store, restore } = stubCaches();
    try {
      const events: HubProgress[] = [];
      const file = await fetchHubFile('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, revision: COMMIT_MAIN, onProgress: (e) => events.push(e) });
      expect(Buffer.compare(Buffer.from(await file.read(0, file.size)), bin)).toBe(0);
      expect(events.at(-1)?.loaded).toBe(bin.length);
      expect(store.size).toBe(1);
      log.length = 0;
      const again = await fetchHubFile('BAAI/AltCLIP', 'pytorch_model.bin', { ...options, revision: COMMIT_MAIN });
      expect(again.size).toBe(bin.length);
      expect(log).toEqual([]);
      await fetchHubFile('BAAI/AltCLIP', 'config.json', options);
      log.length = 0;
      const offline = await fetchHubFile('BAAI/AltCLIP', 'config.json', { ...options, env: { HF_HUB_OFFLINE: '1' } });
      expect(offline.commitHash).toBe(COMMIT_MAIN);
      expect(log).toEqual([]);
      await expect(fetchHubFile('BAAI/AltCLIP', 'tokenizer.json', { ...options, localFilesOnly: true })).rejects.toBeInstanceOf(LocalEntryNotFoundError);
    } finally {
      restore();
    }
  });

  it('verifies the git sha1 of a small file and maps 404/401 like the Node path', async () => {
    corrupt.clear();
    const file = await fetchHubFile('BAAI/AltCLIP', 'config.json', options);
    expect(file.size).toBe(config.length);
    await expect(fetchHubFile('BAAI/AltCLIP', 'missing.json', options)).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(fetchHubFile('BAAI/AltCLIP-m9', 'config.json', options)).rejects.toBeInstanceOf(RepositoryNotFoundError);
    const tampered: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = new Uint8Array(await response.arrayBuffer());
      body[0] ^= 1;
      return new Response(body, { status: response.status, headers: response.headers });
    };
    await expect(fetchHubFile('BAAI/AltCLIP', 'config.json', { ...options, fetch: tampered })).rejects.toBeInstanceOf(ChecksumMismatchError);
  });
});
