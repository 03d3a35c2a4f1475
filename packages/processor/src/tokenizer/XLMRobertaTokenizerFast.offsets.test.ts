import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import type { BatchEncoding, CallOptions, Encoding } from './PreTrainedTokenizerBase.js';
import { TokenizerArgumentError } from './TokenizerError.js';
import { randomText, rng } from './test-support/randomText.js';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));

interface Case {
  name: string;
  args: [string | string[], (string | string[])?];
  options: CallOptions;
  addTokens?: string[];
  expected: { input_ids: unknown; attention_mask: unknown; offset_mapping: unknown; offset_mapping_utf16: unknown };
}

// Written by scripts/generate-offsets-fast.mjs from the Rust library (npm tokenizers 0.23.2).
const data: { cases: Case[] } = JSON.parse(readFileSync(new URL('../__fixtures__/offsets.fast.json', import.meta.url), 'utf8'));

async function load(): Promise<XLMRobertaTokenizerFast> {
  const tok = await XLMRobertaTokenizerFast.fromPretrained(FIXTURE);
  tok.logger = { warn() {} };
  return tok;
}

describe('returnOffsetsMapping (fast tokenizer) = HF tokenizers', () => {
  it('covers the cases the issue lists', () => {
    expect(data.cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of data.cases) {
    it(c.name, async () => {
      const tok = await load();
      if (c.addTokens) tok.addTokens(c.addTokens);
      const call = (unit: 'codePoint' | 'utf16' | undefined) =>
        tok(c.args[0] as string, { ...c.options, textPair: (c.args[1] as string | undefined) ?? null, returnOffsetsMapping: true, ...(unit && { offsetsUnit: unit }) }) as Encoding | BatchEncoding;
      const hf = call('codePoint');
      expect(hf.inputIds).toEqual(c.expected.input_ids);
      expect(hf.attentionMask).toEqual(c.expected.attention_mask);
      expect(hf.offsetMapping).toEqual(c.expected.offset_mapping);
      // The default counts JS string units, so text.slice(start, end) is what the token covers.
      expect(call(undefined).offsetMapping).toEqual(c.expected.offset_mapping_utf16);
      expect(call('utf16').offsetMapping).toEqual(c.expected.offset_mapping_utf16);
    });
  }

  it('int64 tensors: offsetMapping is [batch, length, 2]', async () => {
    const tok = await load();
    const c = data.cases.find((x) => x.name === 'batch, padded to the longest')!;
    const t = tok(c.args[0] as string[], { padding: true, returnOffsetsMapping: true, offsetsUnit: 'codePoint', returnTensors: 'int64' });
    const rows = c.expected.offset_mapping as number[][][];
    expect(t.offsetMapping?.dims).toEqual([rows.length, rows[0].length, 2]);
    expect(Array.from(t.offsetMapping!.data, Number)).toEqual(rows.flat(2));
  });

  it('encodePlus / batchEncodePlus return the same offsets as the call', async () => {
    const tok = await load();
    const text = 'a 😀 cat';
    const call = tok(text, { returnOffsetsMapping: true }) as Encoding;
    expect(tok.encodePlus(text, { returnOffsetsMapping: true }).offsetMapping).toEqual(call.offsetMapping);
    expect(tok.batchEncodePlus([text], { returnOffsetsMapping: true }).offsetMapping).toEqual([call.offsetMapping]);
    // UTF-16 offsets slice the source text: here every token but the specials covers exactly its characters.
    expect(call.offsetMapping!.slice(1, -1).map(([s, e]) => text.slice(s, e))).toEqual(['a', ' ', '😀', ' ', 'ca', 't']);
  });

  // Random strings of every kind randomText makes (all planes, combining marks, controls, ZWJ, whitespace runs,
  // special-token text, lone surrogates, …) against the Rust library live, also through tokenizer.json variants
  // that use the other normaliser and pre-tokeniser options this port reads.
  // biome-ignore lint/suspicious/noExplicitAny: edits of a parsed tokenizer.json, checked by the Rust library itself
  const variants: Record<string, ((j: Record<string, any>) => void) | null> = {
    'fixture tokenizer.json': null,
    'Strip + an added normalized token': (j) => {
      j.normalizer.normalizers.push({ type: 'Strip', strip_left: true, strip_right: true });
      j.added_tokens.push({ id: 3002, content: 'ｆｏｏ', single_word: false, lstrip: false, rstrip: false, normalized: true, special: false });
    },
    'Prepend normalizer': (j) => {
      j.normalizer.normalizers.push({ type: 'Prepend', prepend: '▁' });
    },
    'Replace by a longer / an empty string': (j) => {
      j.normalizer.normalizers.push({ type: 'Replace', pattern: { String: 'a' }, content: 'xyz' }, { type: 'Replace', pattern: { String: 'e' }, content: '' });
    },
    "Metaspace prepend_scheme 'first'": (j) => {
      j.pre_tokenizer = { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: true };
    },
    'Metaspace split: false': (j) => {
      j.pre_tokenizer = { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: false };
    },
    'no normalizer, no pre-tokenizer': (j) => {
      j.normalizer = null;
      j.pre_tokenizer = null;
    },
    'RobertaProcessing without trim_offsets': (j) => {
      j.post_processor = { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: false, add_prefix_space: true };
    },
  };
  const base = readFileSync(`${FIXTURE}tokenizer.json`, 'utf8');
  for (const [name, edit] of Object.entries(variants)) {
    const count = edit === null ? 1500 : 250;
    it(`property, ${name}: ${count} random strings and pairs give Rust's ids and offsets`, async () => {
      const json = JSON.parse(base);
      edit?.(json);
      const text = JSON.stringify(json);
      const tok = await XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': text } });
      const rust = Tokenizer.fromString(text);
      const r = rng(0x0ff5e7 + count + name.length);
      const mismatches: string[] = [];
      for (let i = 0; i < count; i++) {
        const a = randomText(r);
        const b = i % 5 === 0 ? randomText(r) : null;
        const want = await rust.encode(a, b);
        const got = tok(a, { textPair: b, returnOffsetsMapping: true, offsetsUnit: 'codePoint' }) as Encoding;
        if (JSON.stringify([got.inputIds, got.offsetMapping]) !== JSON.stringify([want.getIds(), want.getOffsets()])) {
          mismatches.push(`${JSON.stringify([a, b])}: ${JSON.stringify(got.offsetMapping)} vs ${JSON.stringify(want.getOffsets())}`);
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  }
});

describe('returnOffsetsMapping: refusals', () => {
  it('slow tokenizer: typed error, as HF raises NotImplementedError', async () => {
    const tok = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
    expect(() => tok('a cat', { returnOffsetsMapping: true })).toThrow(TokenizerArgumentError);
    expect(() => tok('a cat', { returnOffsetsMapping: true })).toThrow(/Python tokenizers/);
  });

  it('offsetsUnit: only with returnOffsetsMapping, only utf16 or codePoint', async () => {
    const tok = await load();
    expect(() => tok('a cat', { offsetsUnit: 'codePoint' })).toThrow(/offsetsUnit.*returnOffsetsMapping/);
    expect(() => tok('a cat', { returnOffsetsMapping: true, offsetsUnit: 'bytes' as never })).toThrow(TokenizerArgumentError);
    expect(() => tok('a cat', { offset_mapping: true } as never)).toThrow(TokenizerArgumentError);
  });

  it("RobertaProcessing with trim_offsets (Rust's trimming is not ported): typed error naming the field", async () => {
    const json = JSON.parse(readFileSync(`${FIXTURE}tokenizer.json`, 'utf8'));
    json.post_processor = { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: true };
    const tok = await XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': JSON.stringify(json) } });
    expect(() => tok('a cat', { returnOffsetsMapping: true })).toThrow(/trim_offsets/);
    // Ids are unaffected (RobertaProcessing adds the same <s> … </s> as the fixture's template).
    expect(tok('a cat').inputIds).toEqual((await load())('a cat').inputIds);
  });
});
