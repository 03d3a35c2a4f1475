import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryFiles } from '@altclip/hub';
import { LoopbackHub, writePythonHubCache } from '@altclip/hub/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AltCLIPProcessor } from './AltCLIPProcessor.js';
import { ProcessorConfigError } from './errors/ProcessorConfigError.js';
import { CLIPImageProcessor } from './image/CLIPImageProcessor.js';
import { fixtureUrl } from './test-support/fixture.js';
import { XLMRobertaTokenizer } from './tokenizer/XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './tokenizer/XLMRobertaTokenizerFast.js';

// Hub ids through @altclip/hub against a hub on 127.0.0.1 serving the fixture (the client's protocol cases are its own tests).
const dir = fileURLToPath(fixtureUrl(''));
const REPO = 'local/altclip-tiny';
const FILES = ['preprocessor_config.json', 'tokenizer.json', 'sentencepiece.bpe.model', 'tokenizer_config.json', 'special_tokens_map.json'];
const TEXT = 'a photo of a cat, 一只猫的照片';

describe('processor classes from a hub id', () => {
  let hub: LoopbackHub;
  let files: Record<string, Uint8Array>;
  const dirs: string[] = [];
  const tmp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'altclip-processor-hub-'));
    dirs.push(d);
    return d;
  };
  const hubOptions = () => ({ hub: { endpoint: hub.endpoint, env: {} }, token: false as const });

  beforeAll(async () => {
    files = await LoopbackHub.readFolder(dir, FILES);
    hub = await LoopbackHub.start({ repos: { [REPO]: files } });
  });
  afterAll(async () => {
    await hub.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('AltCLIPProcessor downloads what it needs once; then every class loads offline from the one cache with zero requests', async () => {
    const cacheDir = await tmp();
    const local = await AltCLIPProcessor.fromPretrained(dir);
    const progress: string[] = [];
    const cold = await AltCLIPProcessor.fromPretrained(REPO, { ...hubOptions(), cacheDir, onProgress: (e) => progress.push(e.file) });
    // The fast tokenizer is preferred, so the SentencePiece model is never fetched (as HF's AutoProcessor).
    expect(hub.downloads().sort()).toEqual(['preprocessor_config.json', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json']);
    expect(progress).toContain('tokenizer.json');
    expect(cold.tokenizer(TEXT).inputIds).toEqual(local.tokenizer(TEXT).inputIds);
    expect(cold.imageProcessor.config).toEqual(local.imageProcessor.config);

    hub.requests.length = 0;
    const offline = { ...hubOptions(), cacheDir, localFilesOnly: true };
    expect((await AltCLIPProcessor.fromPretrained(REPO, offline)).tokenizer(TEXT).inputIds).toEqual(local.tokenizer(TEXT).inputIds);
    expect((await XLMRobertaTokenizerFast.fromPretrained(REPO, offline))(TEXT).inputIds).toEqual(local.tokenizer(TEXT).inputIds);
    expect((await CLIPImageProcessor.fromPretrained(REPO, offline)).config).toEqual(local.imageProcessor.config);
    expect(hub.requests).toEqual([]);
    // The slow tokenizer's model was never downloaded: offline it is a typed miss, online one GET.
    await expect(XLMRobertaTokenizer.fromPretrained(REPO, offline)).rejects.toThrow(/sentencepiece\.bpe\.model/);
    const slow = await XLMRobertaTokenizer.fromPretrained(REPO, { ...hubOptions(), cacheDir });
    expect(hub.downloads()).toEqual(['sentencepiece.bpe.model']);
    expect(slow(TEXT).inputIds).toEqual((await XLMRobertaTokenizer.fromPretrained(dir))(TEXT).inputIds);
  });

  it('reuses a cache written by Python huggingface_hub (no request)', async () => {
    const cacheDir = await tmp();
    await writePythonHubCache(cacheDir, 'BAAI/AltCLIP', files);
    hub.requests.length = 0;
    const offline = { ...hubOptions(), cacheDir, localFilesOnly: true };
    const processor = await AltCLIPProcessor.fromPretrained('BAAI/AltCLIP', { ...offline, prefer: 'slow' });
    expect(processor.tokenizer.constructor).toBe(XLMRobertaTokenizer);
    expect(processor.tokenizer(TEXT).inputIds).toEqual((await XLMRobertaTokenizer.fromPretrained(dir))(TEXT).inputIds);
    expect(hub.requests).toEqual([]);
  });

  it('ModelFiles work anywhere; an empty offline cache or folder gives typed errors', async () => {
    const picked = memoryFiles(files, 'picked-folder');
    expect((await CLIPImageProcessor.fromPretrained(picked)).config).toEqual((await CLIPImageProcessor.fromPretrained(dir)).config);
    expect((await XLMRobertaTokenizerFast.fromPretrained(picked))(TEXT).inputIds).toEqual((await XLMRobertaTokenizerFast.fromPretrained(dir))(TEXT).inputIds);
    await expect(CLIPImageProcessor.fromPretrained(memoryFiles({}, 'empty'))).rejects.toThrow(ProcessorConfigError);
    await expect(AltCLIPProcessor.fromPretrained(REPO, { ...hubOptions(), cacheDir: await tmp(), localFilesOnly: true })).rejects.toThrow(ProcessorConfigError);
    await expect(AltCLIPProcessor.fromPretrained('local/unknown', { ...hubOptions(), cacheDir: await tmp() })).rejects.toThrow(/401.*repository not found/i);
  });
});
