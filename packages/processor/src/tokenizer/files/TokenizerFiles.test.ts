import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { TokenizerFileError } from '../TokenizerError.js';
import { XLMRobertaTokenizerFast } from '../XLMRobertaTokenizerFast.js';

const FIXTURE = fileURLToPath(new URL('../../../../../fixtures/altclip-tiny/', import.meta.url));
const tokenizerJson = readFileSync(`${FIXTURE}tokenizer.json`, 'utf8');

describe('JSON files are parsed as the library that reads them in HF parses them', () => {
  it("tokenizer_config.json / special_tokens_map.json: Python's json (NaN, Infinity accepted, as config.json)", async () => {
    const tok = await XLMRobertaTokenizerFast.fromPretrained({
      files: { 'tokenizer.json': tokenizerJson, 'tokenizer_config.json': '{"model_max_length": 64, "some_score": NaN}', 'special_tokens_map.json': '{"x": [Infinity, -Infinity]}' },
    });
    expect(tok.modelMaxLength).toBe(64);
    await expect(XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': tokenizerJson, 'tokenizer_config.json': '{\n "a": nan}' } })).rejects.toThrow(
      /tokenizer_config\.json.*line 2, column 7/,
    );
  });

  it("tokenizer.json: Rust's serde_json, which refuses NaN — so does this port", async () => {
    const withNaN = tokenizerJson.replace('"version": "1.0"', '"version": "1.0", "x": NaN');
    expect(withNaN).not.toBe(tokenizerJson);
    expect(() => Tokenizer.fromString(withNaN)).toThrow();
    await expect(XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': withNaN } })).rejects.toThrow(TokenizerFileError);
  });
});
