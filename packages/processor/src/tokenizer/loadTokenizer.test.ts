import { readFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TokenizerFileError } from './TokenizerError.js';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';
import { loadTokenizer } from './loadTokenizer.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
const read = (f: string) => new Uint8Array(readFileSync(`${FIXTURE}${f}`));

describe('loadTokenizer', () => {
  it('prefers tokenizer.json by default and says so in `source`', async () => {
    const tok = await loadTokenizer(FIXTURE);
    expect(tok).toBeInstanceOf(XLMRobertaTokenizerFast);
    expect(tok.source).toBe('tokenizer.json');
    expect(tok.modelMaxLength).toBe(64);
  });

  it("prefer: 'slow' uses sentencepiece.bpe.model (file: URL source)", async () => {
    const tok = await loadTokenizer(pathToFileURL(FIXTURE), { prefer: 'slow' });
    expect(tok).toBeInstanceOf(XLMRobertaTokenizer);
    expect(tok.source).toBe('sentencepiece.bpe.model');
    expect(tok.encode('   several   spaces,  leading and trailing   ')).toEqual([0, 143, 244, 65, 4, 5, 184, 1062, 9, 4, 41, 196, 172, 331, 4, 399, 131, 172, 2]);
  });

  it('falls back to the other file and loads from in-memory files', async () => {
    const onlyModel = { files: { 'sentencepiece.bpe.model': read('sentencepiece.bpe.model'), 'tokenizer_config.json': read('tokenizer_config.json') } };
    const slow = await loadTokenizer(onlyModel, { prefer: 'fast' });
    expect(slow.source).toBe('sentencepiece.bpe.model');
    expect(slow.modelMaxLength).toBe(64);
    const onlyJson = { files: { 'tokenizer.json': new TextDecoder().decode(read('tokenizer.json')) } };
    const fast = await loadTokenizer(onlyJson, { prefer: 'slow' });
    expect(fast.source).toBe('tokenizer.json');
    expect(fast.modelMaxLength).toBe(1e30);
  });

  it('a folder with neither file is a TokenizerFileError naming both', async () => {
    await expect(loadTokenizer({ files: { 'config.json': '{}' } })).rejects.toThrow(TokenizerFileError);
    await expect(loadTokenizer(`${FIXTURE}images/`)).rejects.toThrow(/tokenizer\.json: not found in .*sentencepiece\.bpe\.model/);
    await expect(XLMRobertaTokenizer.fromPretrained(`${FIXTURE}texts.json`)).rejects.toThrow(/not a directory|not found/);
  });
});
