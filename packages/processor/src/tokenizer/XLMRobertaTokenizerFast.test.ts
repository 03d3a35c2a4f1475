import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenizerFileError, UnsupportedTokenizerError } from './TokenizerError.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
const expected = JSON.parse(readFileSync(`${FIXTURE}expected.json`, 'utf8'));
const texts: string[] = JSON.parse(readFileSync(`${FIXTURE}texts.json`, 'utf8'));
type Cross = { index: number; slow_ids: number[]; rust_tokenizers_0_23_2_ids: number[]; rust_equal_slow: boolean };
const cross: Cross[] = expected.tokenizer_crosscheck;

describe('XLMRobertaTokenizerFast (tokenizer.json) against HF fast (Rust tokenizers 0.23.2)', () => {
  let tok: XLMRobertaTokenizerFast;
  let rust: Tokenizer;
  beforeAll(async () => {
    tok = await XLMRobertaTokenizerFast.fromPretrained(FIXTURE);
    rust = Tokenizer.fromFile(`${FIXTURE}tokenizer.json`);
  });

  it('loads tokenizer.json and the configs', () => {
    expect(tok.source).toBe('tokenizer.json');
    expect(tok.length).toBe(3002);
    expect(tok.vocabSize).toBe(3002);
    expect(tok.getVocab()).toEqual(rust.getVocab(true));
    expect(tok.modelMaxLength).toBe(64);
    expect(tok.convertTokensToIds(['<s>', '<pad>', '</s>', '<unk>', '<mask>', 'no-such-piece'])).toEqual([0, 1, 2, 3, 3001, 3]);
  });

  // The fixture records the Rust ids of every string; they equal the slow ids except text 11,
  // where the fast pipeline keeps a trailing "▁" (README, known difference (1)).
  it.each(cross.map((c) => [c.index, c] as const))('text %i: ids equal the recorded Rust tokenizers ids', (i, c) => {
    expect(tok.encode(texts[i])).toEqual(c.rust_tokenizers_0_23_2_ids);
    if (c.rust_equal_slow) expect(tok.encode(texts[i])).toEqual(c.slow_ids);
  });

  it('text 11 shows the documented slow/fast difference', () => {
    expect(cross[11].rust_equal_slow).toBe(false);
    expect(tok.encode(texts[11])).toEqual([...cross[11].slow_ids.slice(0, -1), 4, 2]);
  });

  it('batch padding=true, truncation=true, maxLength=64 equals tokenizer/batch/input_ids wherever Rust equals slow', () => {
    const out = tok(texts, { padding: true, truncation: true, maxLength: 64 });
    for (const c of cross) {
      const ids = c.rust_tokenizers_0_23_2_ids;
      const want = ids.length > 64 ? [...ids.slice(0, 63), 2] : [...ids, ...new Array(64 - ids.length).fill(1)];
      expect(out.inputIds[c.index]).toEqual(want);
      expect(out.attentionMask![c.index]).toEqual(want.map((_, j) => (j < ids.length ? 1 : 0)));
    }
    // The expected tensor itself, for rows where the fast tokenizer agrees with the slow one.
    const buf = readFileSync(`${FIXTURE}expected.safetensors`);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const hl = Number(view.getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + hl)));
    const [a] = header['tokenizer/batch/input_ids'].data_offsets;
    for (const c of cross.filter((x) => x.rust_equal_slow)) {
      const row = Array.from({ length: 64 }, (_, j) => Number(view.getBigInt64(8 + hl + a + (c.index * 64 + j) * 8, true)));
      expect(out.inputIds[c.index]).toEqual(row);
    }
  });

  it('tokens, decode and truncation agree with the Rust library', async () => {
    const crlf = ['x\r\ny', 'a\r\r\n\nb\r', '\r\n', 'caf\u00e9\r\n\tx'];
    for (const text of [...texts, ' <s>x</s> ', 'a <mask>  b', '4000', ...crlf]) {
      const enc = await rust.encode(text);
      const ids = enc.getIds();
      expect(tok.encode(text)).toEqual(ids);
      expect(tok.tokenize(text)).toEqual(enc.getTokens().slice(1, -1));
      expect(tok.decode(ids)).toBe(await rust.decode(ids, false));
      expect(tok.decode(ids, { skipSpecialTokens: true })).toBe(await rust.decode(ids, true));
    }
    rust.setTruncation(10);
    expect(tok.encode(texts[14], { truncation: true, maxLength: 10 })).toEqual((await rust.encode(texts[14])).getIds());
    expect(tok.encode(texts[0], { textPair: texts[14], truncation: true, maxLength: 10 })).toEqual((await rust.encode(texts[0], texts[14])).getIds());
    expect(tok.encode(texts[14], { textPair: texts[9], truncation: true, maxLength: 10 })).toEqual((await rust.encode(texts[14], texts[9])).getIds());
    rust.disableTruncation();
  });

  it('adds tokens from tokenizer_config.json missing in tokenizer.json, as PreTrainedTokenizerFast does', async () => {
    const config = JSON.parse(readFileSync(`${FIXTURE}tokenizer_config.json`, 'utf8'));
    config.added_tokens_decoder['3002'] = { content: '<extra>', lstrip: false, rstrip: true, normalized: false, single_word: false, special: false };
    const t = await XLMRobertaTokenizerFast.fromPretrained({
      files: { 'tokenizer.json': readFileSync(`${FIXTURE}tokenizer.json`), 'tokenizer_config.json': JSON.stringify(config) },
    });
    expect(t.length).toBe(3003);
    const a = tok.encode('cat', { addSpecialTokens: false });
    const b = tok.encode('dog', { addSpecialTokens: false });
    expect(t.encode('cat<extra>   dog', { addSpecialTokens: false })).toEqual([...a, 3002, ...b]);
    expect(t.decode([...a, 3002], { skipSpecialTokens: true })).toBe('cat<extra>');
  });

  it('missing, corrupt and unsupported tokenizer.json raise TokenizerFileError naming the file', async () => {
    await expect(XLMRobertaTokenizerFast.fromPretrained({ files: {} })).rejects.toThrow(/^tokenizer\.json: not found/);
    await expect(XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': '{"model": ' } })).rejects.toThrow(/^tokenizer\.json: is not valid JSON/);
    const json = JSON.parse(readFileSync(`${FIXTURE}tokenizer.json`, 'utf8'));
    const bpe = { ...json, model: { type: 'BPE', vocab: {}, merges: [] } };
    await expect(XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': JSON.stringify(bpe) } })).rejects.toBeInstanceOf(UnsupportedTokenizerError);
    const broken = structuredClone(json);
    broken.normalizer.normalizers[0].precompiled_charsmap = 'AAAA';
    await expect(XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': JSON.stringify(broken) } })).rejects.toThrow(TokenizerFileError);
    await expect(XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': JSON.stringify(broken) } })).rejects.toThrow(/precompiled_charsmap/);
  });
});
