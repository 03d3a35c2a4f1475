import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'tokenizers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PreTrainedTokenizerBase } from './PreTrainedTokenizerBase.js';
import { ByteTrie } from './unigram/ByteTrie.js';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));

/** Hostile and ordinary inputs of about `n` UTF-16 units. */
const KINDS: Record<string, (n: number) => string> = {
  russian: (n) => 'Съешь же ещё этих мягких французских булок, да выпей чаю. '.repeat(n / 50).slice(0, n),
  mixed: (n) => 'Hello мир 世界 🌍 مرحبا नमस्ते e\u0301 \u1100\u1161 ①ﬁ 고양이 '.repeat(n / 40).slice(0, n),
  nul: (n) => '\0'.repeat(n),
  emoji: (n) => '😀'.repeat(n / 2),
  emojiZwj: (n) => '👩\u200d👧\u200d'.repeat(n / 6),
  loneHigh: (n) => '\ud800'.repeat(n),
  loneLow: (n) => 'a\udc00'.repeat(n / 2),
  oneCluster: (n) => `a${'\u0301'.repeat(n - 1)}`,
  jamo: (n) => '\u1100\u1161\u11a8'.repeat(n / 3),
  addedTokenPrefixes: (n) => '<mas<s<'.repeat(n / 7),
  addedTokens: (n) => ' <mask>'.repeat(n / 7),
  digits: (n) => '4000'.repeat(n / 4),
  spaces: (n) => ' \u3000\t'.repeat(n / 3),
};

/** Work done by one call: UTF-8 bytes encoded and decoded, trie steps of the Viterbi lattices. */
function countWork(run: () => void): number {
  let work = 0;
  const enc = TextEncoder.prototype.encode;
  const dec = TextDecoder.prototype.decode;
  const child = ByteTrie.prototype.child;
  const spies = [
    vi.spyOn(TextEncoder.prototype, 'encode').mockImplementation(function (this: TextEncoder, s?: string) {
      work += s?.length ?? 0;
      return enc.call(this, s);
    }),
    vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (this: TextDecoder, b?: AllowSharedBufferSource, o?: TextDecodeOptions) {
      work += (b as Uint8Array | undefined)?.byteLength ?? 0;
      return dec.call(this, b, o);
    }),
    vi.spyOn(ByteTrie.prototype, 'child').mockImplementation(function (this: ByteTrie, node: number, byte: number) {
      work++;
      return child.call(this, node, byte);
    }),
  ];
  try {
    run();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return work;
}

describe('tokenizers do work linear in the input (operation counts, not time)', () => {
  let slow: XLMRobertaTokenizer;
  let fast: XLMRobertaTokenizerFast;
  beforeAll(async () => {
    slow = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
    fast = await XLMRobertaTokenizerFast.fromPretrained(FIXTURE);
    slow.logger = { warn() {} };
    fast.logger = { warn() {} };
  });
  afterEach(() => vi.restoreAllMocks());

  // 16k and 128k units: the second is past the 65,535-unit cliff of the old Intl.Segmenter path,
  // and quadratic work (re-decoding a growing unknown run, re-scanning per character) would grow
  // 64× instead of 8×. The bound per unit catches linear-but-wasteful rescans.
  const SMALL = 16_000;
  const LARGE = 128_000;
  for (const [name, make] of Object.entries(KINDS)) {
    it(`${name}: work grows like the input (slow and fast)`, () => {
      for (const tok of [slow, fast] as PreTrainedTokenizerBase[]) {
        const small = make(SMALL);
        const large = make(LARGE);
        // Warm the caches on other text so both runs pay the same one-time costs.
        tok.encode(make(64));
        const a = countWork(() => tok.encode(small));
        const b = countWork(() => tok.encode(large));
        const label = `${tok.source} ${name}: ${a} units of work for ${small.length}, ${b} for ${large.length}`;
        expect(b / Math.max(a, 1), label).toBeLessThan((large.length / small.length) * 1.25 + 1);
        expect(b / large.length, label).toBeLessThan(40);
      }
    });
  }

  it('Intl.Segmenter (slow, and non-linear past 65,535 units) is not used', () => {
    const spy = vi.spyOn(Intl, 'Segmenter');
    fast.encode(KINDS.mixed(1000));
    expect(spy).not.toHaveBeenCalled();
  });

  it('a sequence of 300,000 tokens does not overflow the stack (no push(...ids))', () => {
    const text = new Array(300_000).fill('a').join(' ');
    const ids = fast.encode(text);
    expect(ids.length).toBe(300_002);
    expect(slow.encode(text)).toEqual(ids);
  });
});

describe('a config listing 50,000 added tokens', () => {
  it('loads on both paths (no spread of ids, no per-token rebuilds) and each token keeps its own id', async () => {
    const { readFileSync } = await import('node:fs');
    const extra = Array.from({ length: 50_000 }, (_, i) => `<t${i}>`);
    const files = {
      'tokenizer.json': readFileSync(`${FIXTURE}tokenizer.json`),
      'sentencepiece.bpe.model': readFileSync(`${FIXTURE}sentencepiece.bpe.model`),
      'tokenizer_config.json': JSON.stringify({ ...JSON.parse(readFileSync(`${FIXTURE}tokenizer_config.json`, 'utf8')), additional_special_tokens: extra }),
    };
    for (const tok of [await XLMRobertaTokenizer.fromPretrained({ files }), await XLMRobertaTokenizerFast.fromPretrained({ files })] as PreTrainedTokenizerBase[]) {
      tok.logger = { warn() {} };
      expect(tok.length).toBe(3002 + 50_000);
      const id = tok.convertTokensToIds('<t49999>');
      expect(id).toBe(3002 + 49_999);
      const ids = tok.encode(`a<t7><t49999>${'x'.repeat(10_000)}`);
      expect(ids.slice(0, 4)).toEqual([0, tok.encode('a', { addSpecialTokens: false })[0], 3002 + 7, id]);
    }
  });
});

describe('long hostile inputs: fast ids equal HF tokenizers (Rust), truncation as HF', () => {
  let slow: XLMRobertaTokenizer;
  let fast: XLMRobertaTokenizerFast;
  let rust: Tokenizer;
  beforeAll(async () => {
    slow = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
    fast = await XLMRobertaTokenizerFast.fromPretrained(FIXTURE);
    rust = Tokenizer.fromFile(`${FIXTURE}tokenizer.json`);
  });

  it.each(Object.keys(KINDS))('%s, 100,000 units: ids equal Rust', async (name) => {
    fast.logger = { warn() {} };
    const text = KINDS[name](100_000);
    const want = (await rust.encode(text)).getIds();
    const got = fast.encode(text);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
  });

  it('truncation of a 300,000-unit text keeps HF semantics (first maxLength-1 ids + </s>)', async () => {
    const text = KINDS.mixed(300_000);
    const warnings: string[] = [];
    fast.logger = { warn: (m) => warnings.push(m) };
    slow.logger = { warn: (m) => warnings.push(m) };
    const truncated = fast(text, { truncation: true, maxLength: 77 }).inputIds;
    const rustTrunc = Tokenizer.fromFile(`${FIXTURE}tokenizer.json`);
    rustTrunc.setTruncation(77);
    expect(truncated).toEqual((await rustTrunc.encode(text)).getIds());
    const slowTruncated = slow(text, { truncation: true, maxLength: 77 }).inputIds;
    expect(warnings).toEqual([]);
    // Without truncation: every id, and HF's once-only warning about model_max_length (64).
    const full = slow.encode(text);
    expect(slowTruncated).toEqual([...full.slice(0, 76), 2]);
    expect(slow.encode(text).length).toBe(full.length);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`(${full.length} > 64)`);
  });
});
