import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AltCLIPProcessor } from '../AltCLIPProcessor.js';
import { ProcessorInputError } from '../errors/ProcessorInputError.js';
import { CLIPImageProcessor } from '../image/CLIPImageProcessor.js';
import { fixtureUrl } from '../test-support/fixture.js';
import { loadTokenizer } from '../tokenizer/loadTokenizer.js';
import { TokenizerArgumentError } from '../tokenizer/TokenizerError.js';
import { XLMRobertaTokenizer } from '../tokenizer/XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from '../tokenizer/XLMRobertaTokenizerFast.js';

const FIXTURE = fileURLToPath(fixtureUrl(''));

describe('fromPretrained load options: unknown ones are refused by name, never dropped', () => {
  it('a typo, snake_case and HF-only keywords, for a local folder too (where hub options are never read)', async () => {
    await expect(AltCLIPProcessor.fromPretrained(FIXTURE, { revison: 'main' } as never)).rejects.toThrow(/option 'revison': unknown load option/);
    await expect(AltCLIPProcessor.fromPretrained(FIXTURE, { local_files_only: true } as never)).rejects.toThrow(/camelCase here: 'localFilesOnly'/);
    await expect(AltCLIPProcessor.fromPretrained(FIXTURE, { use_fast: false } as never)).rejects.toThrow(/use prefer: 'fast' \| 'slow'/);
    await expect(CLIPImageProcessor.fromPretrained(FIXTURE, { trust_remote_code: true } as never)).rejects.toThrow(ProcessorInputError);
    await expect(XLMRobertaTokenizerFast.fromPretrained(FIXTURE, { subfolder: 'x' } as never)).rejects.toThrow(TokenizerArgumentError);
    await expect(XLMRobertaTokenizer.fromPretrained(FIXTURE, { prefer: 'slow' } as never)).rejects.toThrow(/prefer: unknown load option/);
    await expect(loadTokenizer(FIXTURE, { prefer: 'fastest' } as never)).rejects.toThrow(TokenizerArgumentError);
    await expect(loadTokenizer(FIXTURE, 'fast' as never)).rejects.toThrow(/options: expected an object/);
    await expect(AltCLIPProcessor.fromFiles(async () => null, { revision: 'main' } as never)).rejects.toThrow(/fromFiles: option 'revision' is not supported/);
  });

  it('the accepted options still load', async () => {
    const opts = { revision: 'main', localFilesOnly: true, token: false as const, onProgress: () => {}, hub: {} };
    expect((await AltCLIPProcessor.fromPretrained(FIXTURE, { ...opts, prefer: 'slow' })).tokenizer.source).toBe('sentencepiece.bpe.model');
    expect((await loadTokenizer(FIXTURE, { ...opts, prefer: 'fast' })).source).toBe('tokenizer.json');
    await CLIPImageProcessor.fromPretrained(FIXTURE, opts);
    await XLMRobertaTokenizerFast.fromPretrained(FIXTURE, opts);
  });
});
