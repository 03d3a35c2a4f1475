import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryFiles } from '@altclip/hub';
import { Tokenizer } from 'tokenizers';
import { afterAll, describe, expect, it } from 'vitest';
import { AltCLIPProcessor } from './AltCLIPProcessor.js';
import { ProcessorInputError } from './errors/ProcessorInputError.js';
import { CLIPImageProcessor } from './image/CLIPImageProcessor.js';
import { pythonFloatRepr, pythonJsonDumps } from './io/pythonJson.js';
import { fixtureUrl } from './test-support/fixture.js';
import { TokenizerArgumentError } from './tokenizer/TokenizerError.js';
import { XLMRobertaTokenizer } from './tokenizer/XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './tokenizer/XLMRobertaTokenizerFast.js';

// savePretrained against what HF's save_pretrained wrote for the same fixture (test-support/hf-saved, made by
// scripts/oracle/save_pretrained_fixture.py), then fromPretrained(savePretrained(x)) round trips.
const fixture = fileURLToPath(fixtureUrl(''));
const hfSaved = fileURLToPath(new URL('./test-support/hf-saved/', import.meta.url));
const hfSums = JSON.parse(await readFile(join(hfSaved, 'sha256.json'), 'utf8')) as Record<string, string>;
const texts = JSON.parse(await readFile(join(fixture, 'texts.json'), 'utf8')) as string[];
const sample = [...texts.slice(0, 8), 'a photo of a cat, 一只猫的照片', '  spaces  and <mask> '];
const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'altclip-save-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const read = (dir: string, name: string) => readFile(join(dir, name));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('savePretrained', () => {
  it("AltCLIPProcessor (slow tokenizer) writes HF's files byte for byte and reloads to identical ids and pixels", async () => {
    const processor = await AltCLIPProcessor.fromPretrained(fixture, { prefer: 'slow' });
    const dir = await tmp();
    const written = await processor.savePretrained(dir);
    expect((await readdir(dir)).sort()).toEqual(['preprocessor_config.json', 'sentencepiece.bpe.model', 'special_tokens_map.json', 'tokenizer_config.json']);
    expect(written.length).toBe(4);
    expect(await read(dir, 'preprocessor_config.json')).toEqual(await read(join(hfSaved, 'processor'), 'preprocessor_config.json'));
    expect(await read(dir, 'special_tokens_map.json')).toEqual(await read(join(hfSaved, 'processor'), 'special_tokens_map.json'));
    // HF's processor/ copy carries the oracle's use_fast=False load kwarg (see hf-saved/README.md); tokenizer/ has none.
    expect(await read(dir, 'tokenizer_config.json')).toEqual(await read(join(hfSaved, 'tokenizer'), 'tokenizer_config.json'));
    expect(sha256(await read(dir, 'sentencepiece.bpe.model'))).toBe(hfSums['processor/sentencepiece.bpe.model']);

    const reloaded = await AltCLIPProcessor.fromPretrained(dir, { prefer: 'slow' });
    for (const text of sample) expect(reloaded.tokenizer(text).inputIds).toEqual(processor.tokenizer(text).inputIds);
    const image = fixtureUrl('images/chelsea.jpg');
    const [a, b] = await Promise.all([processor({ images: image }), reloaded({ images: image })]);
    expect(b.pixelValues?.data).toEqual(a.pixelValues?.data);
    const again = await tmp();
    await reloaded.savePretrained(again);
    for (const name of await readdir(dir)) expect(Buffer.compare(await read(again, name), await read(dir, name))).toBe(0);
  });

  it('AltCLIPProcessor (fast tokenizer) writes tokenizer.json as loaded and, as HF, the SentencePiece model; ids round trip', async () => {
    const processor = await AltCLIPProcessor.fromPretrained(fixture);
    const dir = await tmp();
    await processor.savePretrained(dir);
    const all = ['preprocessor_config.json', 'sentencepiece.bpe.model', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json'];
    expect((await readdir(dir)).sort()).toEqual(all);
    expect(Buffer.compare(await read(dir, 'tokenizer.json'), await read(fixture, 'tokenizer.json'))).toBe(0);
    expect(sha256(await read(dir, 'sentencepiece.bpe.model'))).toBe(hfSums['processor/sentencepiece.bpe.model']);
    // The same through ModelFiles (fromFiles reads only tokenizer.json; the model is fetched when saving).
    const viaFiles = await tmp();
    const picked = Object.fromEntries(await Promise.all(all.map(async (f) => [f, new Uint8Array(await read(fixture, f))] as const)));
    await (await AltCLIPProcessor.fromPretrained(memoryFiles(picked))).savePretrained(viaFiles);
    expect((await readdir(viaFiles)).sort()).toEqual(all);
    const reloaded = await XLMRobertaTokenizerFast.fromPretrained(dir);
    for (const text of sample) expect(reloaded(text).inputIds).toEqual(processor.tokenizer(text).inputIds);
  });

  it("XLMRobertaTokenizer and CLIPImageProcessor alone write HF's files byte for byte", async () => {
    const dir = await tmp();
    await (await XLMRobertaTokenizer.fromPretrained(fixture)).savePretrained(dir);
    for (const name of ['tokenizer_config.json', 'special_tokens_map.json']) {
      expect(await read(dir, name)).toEqual(await read(join(hfSaved, 'tokenizer'), name));
    }
    expect(sha256(await read(dir, 'sentencepiece.bpe.model'))).toBe(hfSums['tokenizer/sentencepiece.bpe.model']);
    const imageDir = await tmp();
    await (await CLIPImageProcessor.fromPretrained(fixture)).savePretrained(imageDir);
    expect(await read(imageDir, 'preprocessor_config.json')).toEqual(await read(join(hfSaved, 'image'), 'preprocessor_config.json'));
    // Sizes given in HF's legacy forms are written in the normalised form HF's to_dict has.
    const legacy = new CLIPImageProcessor({ size: 224, crop_size: 224, rescale_factor: 1, image_mean: [0.5, 0.5, 0.5], extra_key: 'kept' });
    expect(legacy.toDict()).toMatchObject({ size: { shortest_edge: 224 }, crop_size: { height: 224, width: 224 }, extra_key: 'kept' });
    expect(legacy.toJsonString()).toContain('"rescale_factor": 1.0,');
  });

  it("writes JSON as Python's json.dumps (floats as repr, big ints exactly, sorted keys)", () => {
    // Expected strings are CPython 3.11's repr() of the same floats.
    expect([1e-5, 1e16, 0.00392156862745098, 1.2345678901234568e20, 0.48145466, 2.5e-7, 1234.5, -0.001].map(pythonFloatRepr)).toEqual([
      '1e-05',
      '1e+16',
      '0.00392156862745098',
      '1.2345678901234568e+20',
      '0.48145466',
      '2.5e-07',
      '1234.5',
      '-0.001',
    ]);
    expect(pythonFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pythonJsonDumps({ b: 1e30, a: ['é', {}] }, { ensureAscii: true })).toBe('{\n  "a": [\n    "\\u00e9",\n    {}\n  ],\n  "b": 1000000000000000019884624838656\n}\n');
  });
});

describe('savePretrained after addTokens / addSpecialTokens', () => {
  // What HF's slow tokenizer wrote and read back after the same two calls (scripts/generate-added-tokens-save.py).
  const hfAdded = join(hfSaved, 'tokenizer-added');
  const files = ['tokenizer_config.json', 'special_tokens_map.json', 'added_tokens.json'];
  const addTheTokens = (tok: XLMRobertaTokenizer | XLMRobertaTokenizerFast, want: Record<string, number>) => {
    expect(tok.addTokens(['new_word', { content: '<tag>', lstrip: true }])).toBe(want["add_tokens(['new_word', AddedToken('<tag>', lstrip=True)])"]);
    expect(tok.addSpecialTokens({ additional_special_tokens: ['<x>'], cls_token: '<cls>' })).toBe(
      want["add_special_tokens({'additional_special_tokens': ['<x>'], 'cls_token': '<cls>'})"],
    );
  };

  it("slow tokenizer: HF's files byte for byte, and the reloaded tokenizer gives HF's ids", async () => {
    const hf = JSON.parse(await readFile(join(hfAdded, 'expected.json'), 'utf8'));
    const tok = await XLMRobertaTokenizer.fromPretrained(fixture);
    addTheTokens(tok, hf.calls);
    expect(hf.texts.map((t: string) => tok(t).inputIds)).toEqual(hf.ids_before_save);
    const dir = await tmp();
    await tok.savePretrained(dir);
    expect((await readdir(dir)).sort()).toEqual(hf.files_written);
    for (const name of files) expect((await read(dir, name)).toString()).toBe((await read(hfAdded, name)).toString());
    const reloaded = await XLMRobertaTokenizer.fromPretrained(dir);
    expect(hf.texts.map((t: string) => reloaded(t).inputIds)).toEqual(hf.ids_after_reload);
    expect(reloaded.length).toBe(hf.len_after_reload);
    expect(reloaded.allSpecialTokens).toContain('<x>');
    expect(reloaded.config.specialTokens.cls_token?.content).toBe(hf.cls_token_after_reload);
  });

  it('fast tokenizer: tokenizer.json carries the tokens (Rust reads them), the config files equal HF\'s, the round trip keeps ids', async () => {
    const hf = JSON.parse(await readFile(join(hfAdded, 'expected.json'), 'utf8'));
    const tok = await XLMRobertaTokenizerFast.fromPretrained(fixture);
    addTheTokens(tok, hf.calls);
    const before = hf.texts.map((t: string) => tok(t).inputIds);
    const dir = await tmp();
    await tok.savePretrained(dir);
    // Loaded alone, the fast tokenizer read no SentencePiece model, so (as HF without one) no added_tokens.json.
    expect((await readdir(dir)).sort()).toEqual(['special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json']);
    // HF writes tokenizer_config.json / special_tokens_map.json / added_tokens.json from the same attributes for both
    // tokenizer kinds; the oracle only runs the slow one, so these are compared with its files.
    for (const name of files.slice(0, 2)) expect((await read(dir, name)).toString()).toBe((await read(hfAdded, name)).toString());
    const saved = JSON.parse((await read(dir, 'tokenizer.json')).toString());
    expect(saved.added_tokens.slice(5)).toEqual([
      { id: 3002, content: 'new_word', single_word: false, lstrip: false, rstrip: false, normalized: true, special: false },
      { id: 3003, content: '<tag>', single_word: false, lstrip: true, rstrip: false, normalized: true, special: false },
      { id: 3004, content: '<x>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      { id: 3005, content: '<cls>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    ]);
    // Everything else is the loaded file: the same object without the four new tokens.
    const original = JSON.parse((await read(fixture, 'tokenizer.json')).toString());
    expect({ ...saved, added_tokens: saved.added_tokens.slice(0, 5) }).toEqual(original);
    const reloaded = await XLMRobertaTokenizerFast.fromPretrained(dir);
    expect(hf.texts.map((t: string) => reloaded(t).inputIds)).toEqual(before);
    expect(reloaded.length).toBe(hf.len_after_reload);
    // The Rust library reading the saved tokenizer.json alone (its own post-processor) gives the same ids.
    const rust = Tokenizer.fromFile(join(dir, 'tokenizer.json'));
    for (let i = 0; i < hf.texts.length; i++) expect((await rust.encode(hf.texts[i])).getIds()).toEqual(before[i]);
    // Saving the reloaded tokenizer without changes writes the same files again.
    const again = await tmp();
    await reloaded.savePretrained(again);
    for (const name of ['tokenizer.json', ...files.slice(0, 2)]) expect(Buffer.compare(await read(again, name), await read(dir, name))).toBe(0);
  });

  it("tokens rebuilt from the tokenizer's state (a call that added nothing) still give HF's unchanged files, both kinds", async () => {
    for (const tok of [await XLMRobertaTokenizer.fromPretrained(fixture), await XLMRobertaTokenizerFast.fromPretrained(fixture)]) {
      expect(tok.addTokens(['<s>'])).toBe(0);
      expect(tok.tokensChangedSinceLoad).toBe(true);
      const dir = await tmp();
      await tok.savePretrained(dir);
      for (const name of ['tokenizer_config.json', 'special_tokens_map.json']) expect(await read(dir, name)).toEqual(await read(join(hfSaved, 'tokenizer'), name));
      expect((await readdir(dir)).includes('added_tokens.json')).toBe(false);
    }
  });

  it('AltCLIPProcessor with the fast tokenizer also writes the SentencePiece model and added_tokens.json, as HF', async () => {
    const hf = JSON.parse(await readFile(join(hfAdded, 'expected.json'), 'utf8'));
    const processor = await AltCLIPProcessor.fromPretrained(fixture);
    addTheTokens(processor.tokenizer as XLMRobertaTokenizerFast, hf.calls);
    const dir = await tmp();
    await processor.savePretrained(dir);
    expect((await readdir(dir)).sort()).toEqual([...hf.files_written, 'preprocessor_config.json', 'tokenizer.json'].sort());
    expect((await read(dir, 'added_tokens.json')).toString()).toBe((await read(hfAdded, 'added_tokens.json')).toString());
    // HF's slow tokenizer reading this folder (sentencepiece model + configs) sees the added tokens: its ids.
    const slow = await XLMRobertaTokenizer.fromPretrained(dir);
    expect(hf.texts.map((t: string) => slow(t).inputIds)).toEqual(hf.ids_after_reload);
  });
});

describe('savePretrained options', () => {
  it("HF's other save_pretrained keywords are refused by name, before anything is written", async () => {
    const dir = await tmp();
    const processor = await AltCLIPProcessor.fromPretrained(fixture);
    const save = (x: { savePretrained: (...a: never[]) => Promise<unknown> }, ...args: unknown[]) => (x.savePretrained as (...a: unknown[]) => Promise<unknown>).call(x, dir, ...args);
    await expect(save(processor, { pushToHub: true })).rejects.toThrow(/pushToHub: not supported by savePretrained/);
    await expect(save(processor.tokenizer, { legacyFormat: false })).rejects.toThrow(TokenizerArgumentError);
    await expect(save(processor.tokenizer, { filename_prefix: 'x' })).rejects.toThrow(/filename_prefix: not supported/);
    await expect(save(processor.imageProcessor, { push_to_hub: true })).rejects.toThrow(ProcessorInputError);
    expect(await readdir(dir)).toEqual([]);
  });
});
