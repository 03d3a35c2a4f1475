import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidHubArgumentError } from '../client/HubErrors.js';
import { LoopbackHub } from '../testing/LoopbackHub.js';
import { hubFiles } from './hubFiles.js';
import { readText } from './ModelFiles.js';
import { memoryFiles } from './memoryFiles.js';
import { isHubId, resolveModelFiles } from './resolveModelFiles.js';

describe('hubFiles', () => {
  let hub: LoopbackHub;
  let cacheDir = '';
  beforeAll(async () => {
    hub = await LoopbackHub.start({ repos: { 'org/repo': { 'config.json': new TextEncoder().encode('{}\n'), 'a.json': new TextEncoder().encode('[1]\n') } } });
    cacheDir = await mkdtemp(join(tmpdir(), 'altclip-hubfiles-'));
  });
  afterAll(async () => {
    await hub.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('pins the commit of the first file for every later one; a missing file is null, config.json an error', async () => {
    const files = hubFiles('org/repo', { cacheDir, token: false, hub: { endpoint: hub.endpoint, env: {} } });
    expect(await readText(files, 'config.json')).toBe('{}\n');
    expect(await readText(files, 'a.json')).toBe('[1]\n');
    expect(await files.open('missing.bin')).toBeNull();
    const paths = hub.requests.map((r) => r.path);
    expect(paths.filter((p) => p.endsWith('/config.json'))).toEqual(['/org/repo/resolve/main/config.json', '/org/repo/resolve/main/config.json']);
    expect(paths.filter((p) => !p.endsWith('/config.json')).every((p) => p.startsWith(`/org/repo/resolve/${hub.commit}/`))).toBe(true);
    await expect(hubFiles('org/none', { cacheDir, token: false, hub: { endpoint: hub.endpoint, env: {} } }).open('config.json')).rejects.toThrow(/401/);
  });

  it('resolveModelFiles: ModelFiles pass through, hub-shaped strings go to the hub, others are refused', async () => {
    const mem = memoryFiles({});
    expect(await resolveModelFiles(mem)).toBe(mem);
    expect((await resolveModelFiles('org/repo')).name).toBe('org/repo');
    expect([isHubId('BAAI/AltCLIP'), isHubId('gpt2'), isHubId('./BAAI/AltCLIP'), isHubId('/abs/path'), isHubId('a/b/c'), isHubId('https://x')]).toEqual([true, true, false, false, false, false]);
    await expect(resolveModelFiles('./not/a/dir')).rejects.toBeInstanceOf(InvalidHubArgumentError);
  });
});
