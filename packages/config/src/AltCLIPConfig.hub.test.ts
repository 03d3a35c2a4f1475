import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalEntryNotFoundError, memoryFiles } from '@altclip/hub';
import { LoopbackHub, writePythonHubCache } from '@altclip/hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AltCLIPConfig } from './AltCLIPConfig.js';
import { AltCLIPTextConfig } from './AltCLIPTextConfig.js';
import { ConfigFileError } from './ConfigFileError.js';

const TINY = fileURLToPath(new URL('../../../fixtures/altclip-tiny/', import.meta.url));

// A hub id resolved through @altclip/hub against a hub on 127.0.0.1 (the client's protocol cases are its own tests).
describe('AltCLIPConfig.fromPretrained with a hub id', () => {
  let hub: LoopbackHub;
  let configJson: Uint8Array;
  const dirs: string[] = [];
  const tmp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'altclip-config-hub-'));
    dirs.push(dir);
    return dir;
  };
  const hubOptions = () => ({ hub: { endpoint: hub.endpoint, env: {} }, token: false as const });

  beforeAll(async () => {
    configJson = new Uint8Array(await readFile(join(TINY, 'config.json')));
    hub = await LoopbackHub.start({ repos: { 'local/altclip-tiny': { 'config.json': configJson } } });
  });
  afterAll(async () => {
    await hub.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('downloads into the cache, then loads offline with zero requests', async () => {
    const cacheDir = await tmp();
    const events: string[] = [];
    const cold = await AltCLIPConfig.fromPretrained('local/altclip-tiny', { ...hubOptions(), cacheDir, onProgress: (e) => events.push(`${e.phase}:${e.file}`) });
    expect(cold.toDict()).toEqual((await AltCLIPConfig.fromPretrained(TINY)).toDict());
    expect(hub.downloads()).toEqual(['config.json']);
    expect(events).toContain('download:config.json');
    hub.requests.length = 0;
    const warm = await AltCLIPTextConfig.fromPretrained('local/altclip-tiny', { ...hubOptions(), cacheDir, localFilesOnly: true });
    expect(hub.requests).toEqual([]);
    expect(warm.hidden_size).toBe(cold.text_config.hidden_size);
  });

  it('reuses a cache written by Python huggingface_hub', async () => {
    const cacheDir = await tmp();
    await writePythonHubCache(cacheDir, 'BAAI/AltCLIP', { 'config.json': configJson });
    hub.requests.length = 0;
    const config = await AltCLIPConfig.fromPretrained('BAAI/AltCLIP', { ...hubOptions(), cacheDir, localFilesOnly: true });
    expect(config.projection_dim).toBe((await AltCLIPConfig.fromPretrained(TINY)).projection_dim);
    expect(hub.requests).toEqual([]);
  });

  it('offline with an empty cache is a LocalEntryNotFoundError; ModelFiles without config.json a ConfigFileError', async () => {
    await expect(AltCLIPConfig.fromPretrained('local/altclip-tiny', { ...hubOptions(), cacheDir: await tmp(), localFilesOnly: true })).rejects.toBeInstanceOf(
      LocalEntryNotFoundError,
    );
    await expect(AltCLIPConfig.fromPretrained(memoryFiles({}, 'picked-folder'))).rejects.toThrow(ConfigFileError);
    await expect(AltCLIPConfig.fromPretrained(memoryFiles({}, 'picked-folder'))).rejects.toThrow(/picked-folder\/config\.json/);
    const fromFiles = await AltCLIPConfig.fromPretrained(memoryFiles({ 'config.json': configJson }));
    expect(fromFiles.projection_dim).toBe((await AltCLIPConfig.fromPretrained(TINY)).projection_dim);
  });
});
