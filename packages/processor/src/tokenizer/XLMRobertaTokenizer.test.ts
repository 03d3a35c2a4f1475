import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenizerArgumentError, TokenizerFileError } from './TokenizerError.js';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
const expected = JSON.parse(readFileSync(`${FIXTURE}expected.json`, 'utf8'));
const texts: string[] = JSON.parse(readFileSync(`${FIXTURE}texts.json`, 'utf8'));
const tensors = readI64Tensors(readFileSync(`${FIXTURE}expected.safetensors`));

/** The I64 tensors of a safetensors file as number rows (independent of the code under test). */
function readI64Tensors(buf: Uint8Array): Map<string, { shape: number[]; data: number[] }> {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + headerLen)));
  const out = new Map<string, { shape: number[]; data: number[] }>();
  for (const [name, info] of Object.entries<{ dtype: string; shape: number[]; data_offsets: [number, number] }>(header)) {
    if (name === '__metadata__' || info.dtype !== 'I64') continue;
    const [a, b] = info.data_offsets;
    const data: number[] = [];
    for (let o = 8 + headerLen + a; o < 8 + headerLen + b; o += 8) data.push(Number(view.getBigInt64(o, true)));
    out.set(name, { shape: info.shape, data });
  }
  return out;
}

function rows(t: { shape: number[]; data: number[] }): number[][] {
  const [n, l] = t.shape;
  return Array.from({ length: n }, (_, i) => t.data.slice(i * l, (i + 1) * l));
}

describe('XLMRobertaTokenizer (sentencepiece.bpe.model) against the HF slow tokenizer fixture', () => {
  let tok: XLMRobertaTokenizer;
  beforeAll(async () => {
    tok = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
  });

  it('loads the model file and the configs', () => {
    expect(tok.source).toBe('sentencepiece.bpe.model');
    expect(tok.length).toBe(3002);
    expect(tok.vocabSize).toBe(3002);
    const vocab = tok.getVocab();
    expect(Object.keys(vocab)).toHaveLength(3002);
    expect([vocab['<s>'], vocab['<pad>'], vocab['</s>'], vocab['<unk>'], vocab['<mask>']]).toEqual([0, 1, 2, 3, 3001]);
    expect(tok.modelMaxLength).toBe(64);
    expect(tok.padTokenId).toBe(1);
    expect(tok.convertTokensToIds(['<s>', '<pad>', '</s>', '<unk>', '<mask>'])).toEqual([0, 1, 2, 3, 3001]);
    expect(tok.spModel.proto.normalizerSpec.name).toBe('nmt_nfkc');
  });

  it.each(texts.map((t, i) => [i, t] as const))('text %i: ids equal tokenizer/ids/NN', (i, text) => {
    const want = tensors.get(`tokenizer/ids/${String(i).padStart(2, '0')}`)!.data;
    expect(tok.encode(text)).toEqual(want);
    expect(tok(text).inputIds).toEqual(want);
    expect(expected.tokenizer_crosscheck[i].slow_ids).toEqual(want);
  });

  it.each(texts.map((t, i) => [i, t] as const))('text %i: tokens and decode equal expected.json', (i, text) => {
    const info = expected.tensors[`tokenizer/ids/${String(i).padStart(2, '0')}`];
    const ids = tok.encode(text);
    expect(tok.convertIdsToTokens(ids)).toEqual(info.tokens);
    expect(tok.decode(ids, { skipSpecialTokens: true })).toBe(info.decoded);
  });

  it('batch with padding=true, truncation=true, maxLength=64 equals tokenizer/batch/*', () => {
    const out = tok(texts, { padding: true, truncation: true, maxLength: 64 });
    expect(out.inputIds).toEqual(rows(tensors.get('tokenizer/batch/input_ids')!));
    expect(out.attentionMask).toEqual(rows(tensors.get('tokenizer/batch/attention_mask')!));
  });

  it('returnTensors int64 gives a [batch, length] BigInt64Array', () => {
    const out = tok(texts, { padding: true, truncation: true, maxLength: 64, returnTensors: 'int64' });
    expect(out.inputIds.dims).toEqual([15, 64]);
    expect(Array.from(out.inputIds.data, Number)).toEqual(tensors.get('tokenizer/batch/input_ids')!.data);
    expect(() => tok(texts, { returnTensors: 'int64' })).toThrow(TokenizerArgumentError);
  });

  it('warns once, as HF, when a sequence exceeds model_max_length', async () => {
    const warnings: string[] = [];
    const tok = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
    tok.logger = { warn: (m) => warnings.push(m) };
    tok.encode(texts[14]);
    tok.encode(texts[14]);
    expect(warnings).toEqual(['Token indices sequence length is longer than the specified maximum sequence length for this model (227 > 64). Running this sequence through the model will result in indexing errors']);
  });

  it('maxLength without padding truncates with HF legacy warning; max_length padding pads', () => {
    const warnings: string[] = [];
    tok.logger = { warn: (m) => warnings.push(m) };
    const ids = tok.encode(texts[14], { maxLength: 10 });
    expect(ids).toEqual([...tensors.get('tokenizer/ids/14')!.data.slice(0, 9), 2]);
    expect(warnings[0]).toMatch(/^Truncation was not explicitly activated/);
    const padded = tok(texts[0], { padding: 'max_length', maxLength: 40 });
    expect(padded.inputIds).toHaveLength(40);
    expect(padded.inputIds.slice(27)).toEqual(new Array(13).fill(1));
    expect(padded.attentionMask).toEqual([...new Array(27).fill(1), ...new Array(13).fill(0)]);
    expect(tok(['a', 'b c d'], { padding: true, returnAttentionMask: false }).attentionMask).toBeUndefined();
  });

  it('splits special-token text like HF slow (mask lstrip strips the space before it)', () => {
    expect(tok.tokenize('a <mask> b')).toEqual([...tok.tokenize('a'), '<mask>', ...tok.tokenize(' b')]);
    expect(tok.encode('<s>', { addSpecialTokens: false })).toEqual([0]);
    expect(tok.decode([0, 55, 3001, 2])).toBe('<s> A<mask></s>');
  });

  it('unknown ids and bad arguments raise typed errors', () => {
    expect(() => tok.decode([5000])).toThrow(RangeError);
    expect(() => tok.encode(42 as unknown as string)).toThrow(TokenizerArgumentError);
    expect(() => tok(texts, { padding: 'sideways' as never })).toThrow(TokenizerArgumentError);
  });

  it('additional special tokens unknown to the model get new ids after the vocabulary', async () => {
    const t = await XLMRobertaTokenizer.fromPretrained({
      files: {
        'sentencepiece.bpe.model': readFileSync(`${FIXTURE}sentencepiece.bpe.model`),
        'tokenizer_config.json': JSON.stringify({ model_max_length: 64, additional_special_tokens: ['<extra>'] }),
      },
    });
    expect(t.convertTokensToIds(['<mask>', '<extra>', '<s>'])).toEqual([3001, 3002, 0]);
    // No added_tokens_decoder: `<mask>` still strips the space on its left, as the class default.
    expect(t.tokenize('a <mask>')).toEqual([...t.tokenize('a'), '<mask>']);
    expect(t.length).toBe(3003);
    expect(t.encode('a<extra>b', { addSpecialTokens: false })).toEqual([...t.encode('a', { addSpecialTokens: false }), 3002, ...t.encode('b', { addSpecialTokens: false })]);
  });

  it('missing and corrupt files raise TokenizerFileError naming the file', async () => {
    await expect(XLMRobertaTokenizer.fromPretrained({ files: {} })).rejects.toThrow(/sentencepiece\.bpe\.model: not found/);
    const bad = XLMRobertaTokenizer.fromPretrained({ files: { 'sentencepiece.bpe.model': new Uint8Array([0x0a, 0xff, 0xff, 0x01]) } });
    await expect(bad).rejects.toBeInstanceOf(TokenizerFileError);
    await expect(bad).rejects.toThrow(/^sentencepiece\.bpe\.model: is not a SentencePiece model/);
    const model = readFileSync(`${FIXTURE}sentencepiece.bpe.model`);
    await expect(XLMRobertaTokenizer.fromPretrained({ files: { 'sentencepiece.bpe.model': model.subarray(0, 1000) } })).rejects.toThrow(/runs past the end/);
    const cfg = XLMRobertaTokenizer.fromPretrained({ files: { 'sentencepiece.bpe.model': model, 'tokenizer_config.json': '{"model_max_length": ' } });
    await expect(cfg).rejects.toThrow(/^tokenizer_config\.json: is not valid JSON/);
  });
});
