import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreTrainedTokenizerBase } from './PreTrainedTokenizerBase.js';
import { TokenizerArgumentError } from './TokenizerError.js';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';

// Expected values: HF transformers 4.47.1's slow tokenizer (scripts/generate-call-options.py) and the npm `tokenizers`
// package for the fast one (scripts/generate-call-options-fast.mjs), both on fixtures/altclip-tiny.
const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
const read = (name: string) => JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
const slowExpected = read('call-options.slow.json');
const fastExpected = read('call-options.fast.json');

interface Case {
  name: string;
  args: [string | string[], (string | string[])?];
  options: Record<string, unknown>;
  attributes?: Record<string, string>;
  expected: Record<string, unknown>;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
const RETURN_ALL = { returnTokenTypeIds: true, returnSpecialTokensMask: true, returnLength: true };

function run(tok: PreTrainedTokenizerBase, c: Case, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [text, pair] = c.args;
  const call = tok as unknown as (t: unknown, o: unknown) => Record<string, unknown>;
  const out = call(text, { ...camelKeys(c.options), ...(pair !== undefined && { textPair: pair }), ...extra });
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`), v]));
}

describe('tokenizer call options against HF (slow: transformers 4.47.1)', () => {
  let load: () => Promise<XLMRobertaTokenizer>;
  beforeAll(() => {
    load = async () => {
      const t = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
      t.logger = { warn: () => {} };
      return t;
    };
  });

  for (const c of slowExpected.tokenizerCalls as Case[]) {
    it(c.name, async () => {
      const tok = await load();
      for (const [k, v] of Object.entries(c.attributes ?? {})) (tok as unknown as Record<string, string>)[camel(k)] = v;
      expect(run(tok, c)).toEqual(c.expected);
    });
  }

  it('truncationSide per call equals the attribute (HF has only the attribute)', async () => {
    const c = (slowExpected.tokenizerCalls as Case[]).find((x) => x.name.startsWith('truncation_side left (HF'))!;
    const tok = await load();
    expect(run(tok, c, { truncationSide: 'left' })).toEqual(c.expected);
    expect(tok.truncationSide).toBe('right');
  });

  it('getSpecialTokensMask and createTokenTypeIdsFromSequences', async () => {
    const tok = await load();
    const m = slowExpected.methods;
    expect(tok.getSpecialTokensMask(m.ids0)).toEqual(m['get_special_tokens_mask(ids0)']);
    expect(tok.getSpecialTokensMask(m.ids0, m.ids1)).toEqual(m['get_special_tokens_mask(ids0, ids1)']);
    expect(tok.getSpecialTokensMask(m.withSpecials, null, true)).toEqual(m['get_special_tokens_mask(withSpecials, already_has_special_tokens=True)']);
    expect(() => tok.getSpecialTokensMask(m.withSpecials, m.ids1, true)).toThrow(TokenizerArgumentError);
    expect(tok.createTokenTypeIdsFromSequences(m.ids0)).toEqual(m['create_token_type_ids_from_sequences(ids0)']);
    expect(tok.createTokenTypeIdsFromSequences(m.ids0, m.ids1)).toEqual(m['create_token_type_ids_from_sequences(ids0, ids1)']);
  });

  it('returnOffsetsMapping is refused on the slow tokenizer, as HF raises NotImplementedError', async () => {
    const tok = await load();
    expect(() => tok('a cat', { returnOffsetsMapping: true })).toThrow(/Python tokenizers/);
  });

  it('int64 tensors carry the extra outputs', async () => {
    const tok = await load();
    const c = (slowExpected.tokenizerCalls as Case[]).find((x) => x.name === 'length, batch padded')!;
    const t = tok(c.args[0] as string[], { padding: true, returnLength: true, returnTokenTypeIds: true, returnTensors: 'int64' });
    expect(Array.from(t.length!.data, Number)).toEqual(c.expected.length);
    expect(t.tokenTypeIds!.dims).toEqual(t.inputIds.dims);
  });
});

describe('tokenizer call options against the npm tokenizers package (fast)', () => {
  const load = () => XLMRobertaTokenizerFast.fromPretrained(FIXTURE);

  for (const c of fastExpected.tokenizerCalls as Case[]) {
    it(c.name, async () => {
      const tok = await load();
      tok.logger = { warn: () => {} };
      expect(run(tok, c, RETURN_ALL)).toEqual(c.expected);
    });
  }

  it("getSpecialTokensMask needs alreadyHasSpecialTokens, as HF's fast tokenizers assert", async () => {
    const tok = await load();
    expect(() => tok.getSpecialTokensMask([5, 6])).toThrow(TokenizerArgumentError);
    expect(tok.getSpecialTokensMask([0, 5, 2, 1], null, true)).toEqual([1, 0, 1, 1]);
  });

  // returnOffsetsMapping: implemented, tested against the Rust library in XLMRobertaTokenizerFast.offsets.test.ts.
});

describe('refused tokenizer options (typed error naming the option)', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['unknown key', { paddingSid: 'left' }, /paddingSid: unknown tokenizer option/],
    ['snake_case key from plain JavaScript', { return_token_type_ids: true }, /camelCase here: 'returnTokenTypeIds'/],
    ['stride', { stride: 2 }, /stride: 2 is not supported/],
    ['isSplitIntoWords', { isSplitIntoWords: true }, /isSplitIntoWords/],
    ['returnOverflowingTokens', { returnOverflowingTokens: true }, /returnOverflowingTokens/],
    ['textTarget', { textTarget: 'x' }, /textTarget/],
    ['textPairTarget', { textPairTarget: 'x' }, /textPairTarget/],
    ['paddingSide value', { paddingSide: 'top' }, /paddingSide: expected 'left' or 'right'/],
    ['truncationSide value', { truncationSide: 'middle' }, /truncationSide/],
    ['non-boolean returnLength', { returnLength: 'yes' }, /returnLength: expected a boolean/],
    ["returnTensors other than 'int64'", { returnTensors: 'pt' }, /returnTensors: expected 'int64' or null/],
  ];
  for (const [name, options, message] of cases) {
    it(name, async () => {
      for (const tok of [await XLMRobertaTokenizer.fromPretrained(FIXTURE), await XLMRobertaTokenizerFast.fromPretrained(FIXTURE)]) {
        const call = tok as unknown as (t: unknown, o: unknown) => unknown;
        expect(() => call('a cat', options)).toThrow(TokenizerArgumentError);
        expect(() => call(['a cat'], options)).toThrow(message);
        expect(() => tok.encode('a cat', options as never)).toThrow(TokenizerArgumentError);
      }
    });
  }
});

describe('no argument silently dropped by the array-returning methods', () => {
  it("encode / encodePlus / batchEncodePlus refuse returnTensors (HF's return_tensors there): only the call builds tensors", async () => {
    for (const tok of [await XLMRobertaTokenizer.fromPretrained(FIXTURE), await XLMRobertaTokenizerFast.fromPretrained(FIXTURE)]) {
      expect(() => tok.encode('a cat', { returnTensors: 'int64' } as never)).toThrow(/encodePlus returns number arrays/);
      expect(() => tok.encodePlus('a cat', { returnTensors: 'int64' } as never)).toThrow(TokenizerArgumentError);
      expect(() => tok.batchEncodePlus(['a cat'], { returnTensors: 'int64' })).toThrow(/batchEncodePlus returns number arrays/);
      expect(tok(['a cat'], { returnTensors: 'int64' }).inputIds.dims).toEqual([1, tok.encode('a cat').length]);
    }
  });

  it('tokenize takes only the text (a pair or add_special_tokens is refused, not ignored)', async () => {
    for (const tok of [await XLMRobertaTokenizer.fromPretrained(FIXTURE), await XLMRobertaTokenizerFast.fromPretrained(FIXTURE)]) {
      const tokenize = tok.tokenize as (...args: unknown[]) => string[];
      expect(() => tokenize.call(tok, 'a cat', 'second')).toThrow(TokenizerArgumentError);
      expect(() => tokenize.call(tok, 'a cat', { addSpecialTokens: true })).toThrow(/tokenize: takes only the text/);
      expect(tokenize.call(tok, 'a cat')).toEqual(tok.tokenize('a cat'));
    }
  });
});

describe('addTokens / addSpecialTokens against HF (slow) and npm tokenizers (fast)', () => {
  const FIRST = 'add_tokens(["hello_world_tok", "cat", "", "hello_world_tok"])';
  const SPECIAL = 'add_special_tokens({"additional_special_tokens": ["<x_extra>"], "cls_token": "<new_cls>"})';

  it('slow: counts, ids, len, tokenize, encode, decode, all_special_ids and the special tokens mask', async () => {
    const e = slowExpected.addedTokens;
    const tok = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
    expect(tok.length).toBe(e.len_before);
    expect(tok.addTokens(['hello_world_tok', 'cat', '', 'hello_world_tok'])).toBe(e[FIRST]);
    expect(tok.addTokens(['<special_one>'], true)).toBe(e['add_tokens(["<special_one>"], special_tokens=True)']);
    expect(tok.addSpecialTokens({ additional_special_tokens: ['<x_extra>'], cls_token: '<new_cls>' })).toBe(e[SPECIAL]);
    expect(tok.length).toBe(e.len_after);
    for (const [t, id] of Object.entries(e.ids)) expect(tok.convertTokensToIds(t)).toBe(id);
    expect(tok.tokenize(e.sentence)).toEqual(e['tokenize(sentence)']);
    expect(tok.encode(e.sentence)).toEqual(e['encode(sentence)']);
    expect(tok.decode(tok.encode(e.sentence))).toBe(e['decode(encode(sentence))']);
    expect(tok.decode(tok.encode(e.sentence), { skipSpecialTokens: true })).toBe(e['decode(encode(sentence), skip_special_tokens=True)']);
    expect(tok.allSpecialIds).toEqual(e.all_special_ids);
    expect(tok(e.sentence, { returnSpecialTokensMask: true }).specialTokensMask).toEqual(e['special_tokens_mask(sentence)']);
  });

  it('fast: ids, len, tokens and encodings as the Rust library (its post-processor keeps <s>)', async () => {
    const e = fastExpected.addedTokens;
    const tok = await XLMRobertaTokenizerFast.fromPretrained(FIXTURE);
    expect(tok.length).toBe(e.len_before);
    expect(tok.addTokens(['hello_world_tok', 'cat', '', 'hello_world_tok'])).toBe(e[FIRST]);
    tok.addTokens(['<special_one>'], true);
    tok.addSpecialTokens({ additionalSpecialTokens: ['<x_extra>'], clsToken: '<new_cls>' });
    expect(tok.length).toBe(e.len_after);
    for (const [t, id] of Object.entries(e.ids)) expect(tok.convertTokensToIds(t)).toBe(id);
    expect(tok.tokenize(e.sentence)).toEqual(e['tokenize(sentence)']);
    expect(tok(e.sentence, { returnSpecialTokensMask: true })).toMatchObject({ inputIds: e['encode(sentence)'], specialTokensMask: e['special_tokens_mask(sentence)'] });
  });

  it('refuses malformed tokens and unknown special-token attributes by name', async () => {
    const tok = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
    expect(() => tok.addTokens([42 as never])).toThrow(/tokens\[0\]/);
    expect(() => tok.addTokens([{ content: 'x', strip: true } as never])).toThrow(/tokens\[0\].strip: unknown AddedToken flag/);
    expect(() => tok.addSpecialTokens({ foo_token: '<f>' } as never)).toThrow(/foo_token: not a special token attribute/);
    expect(() => tok.addSpecialTokens({ additional_special_tokens: '<a>' } as never)).toThrow(TokenizerArgumentError);
  });
});

describe('decode options', () => {
  it('refuses unknown keys, snake_case keys and spacesBetweenSpecialTokens: false by name (slow and fast)', async () => {
    for (const tok of [await XLMRobertaTokenizer.fromPretrained(FIXTURE), await XLMRobertaTokenizerFast.fromPretrained(FIXTURE)]) {
      const ids = tok.encode('a cat');
      expect(tok.decode(ids, { skipSpecialTokens: true, spacesBetweenSpecialTokens: true })).toBe(tok.decode(ids, { skipSpecialTokens: true }));
      expect(() => tok.decode(ids, { skip_special_tokens: true } as never)).toThrow(/camelCase here: 'skipSpecialTokens'/);
      expect(() => tok.decode(ids, { spacesBetweenSpecialTokens: false } as never)).toThrow(TokenizerArgumentError);
      expect(() => tok.batchDecode([ids], { skipSpecialToken: true } as never)).toThrow(/unknown decode option/);
    }
  });
});
