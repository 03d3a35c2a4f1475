import { describe, expect, it } from 'vitest';
import { loadTokenizer } from './loadTokenizer.js';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';

// The browser project's dev server serves the repository root, so the fixture is fetchable.
const BASE = new URL('/fixtures/altclip-tiny/', location.origin);

async function fixture() {
  const expected = await (await fetch(new URL('expected.json', BASE))).json();
  const buf = new Uint8Array(await (await fetch(new URL('expected.safetensors', BASE))).arrayBuffer());
  const view = new DataView(buf.buffer);
  const hl = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + hl)));
  const i64 = (name: string): number[] => {
    const [a, b] = header[name].data_offsets;
    const out: number[] = [];
    for (let o = 8 + hl + a; o < 8 + hl + b; o += 8) out.push(Number(view.getBigInt64(o, true)));
    return out;
  };
  return { expected, i64 };
}

describe('tokenizers in Chromium (fixture fetched over HTTP)', () => {
  it('slow path: every text and the batch equal expected.safetensors', async () => {
    const { expected, i64 } = await fixture();
    const tok = await XLMRobertaTokenizer.fromPretrained(BASE);
    tok.logger = { warn() {} }; // text 14 exceeds model_max_length; HF warns, nothing to check here
    expect(tok.source).toBe('sentencepiece.bpe.model');
    const texts: string[] = expected.texts.map((t: { text?: string } | string) => (typeof t === 'string' ? t : t.text));
    texts.forEach((text, i) => {
      expect(tok.encode(text)).toEqual(i64(`tokenizer/ids/${String(i).padStart(2, '0')}`));
    });
    const batch = tok(texts, { padding: true, truncation: true, maxLength: 64 });
    expect(batch.inputIds.flat()).toEqual(i64('tokenizer/batch/input_ids'));
    expect(batch.attentionMask!.flat()).toEqual(i64('tokenizer/batch/attention_mask'));
  });

  it('fast path: every text equals the recorded Rust tokenizers ids', async () => {
    const { expected } = await fixture();
    const tok = await loadTokenizer(BASE.href);
    tok.logger = { warn() {} };
    expect(tok).toBeInstanceOf(XLMRobertaTokenizerFast);
    for (const c of expected.tokenizer_crosscheck) expect(tok.encode(c.text)).toEqual(c.rust_tokenizers_0_23_2_ids);
  });

  // The grapheme segmenter runs on Chromium's regex Unicode data here.
  it('fast path: 600 random Unicode strings equal the Rust ids stored in test-support', async () => {
    const data: { cases: Array<{ text: string; ids: number[] }> } = await (
      await fetch(new URL('/packages/processor/src/tokenizer/test-support/rustRandomIds.json', location.origin))
    ).json();
    const tok = await XLMRobertaTokenizerFast.fromPretrained(BASE);
    tok.logger = { warn() {} };
    expect(data.cases).toHaveLength(600);
    const bad = data.cases.filter((c) => JSON.stringify(tok.encode(c.text)) !== JSON.stringify(c.ids)).map((c) => c.text);
    expect(bad).toEqual([]);
  });

  it("fast path: returnOffsetsMapping equals the Rust library's offsets (src/__fixtures__/offsets.fast.json)", async () => {
    const data: { cases: Array<{ name: string; args: [string | string[], (string | string[])?]; options: Record<string, unknown>; addTokens?: string[]; expected: Record<string, unknown> }> } = await (
      await fetch(new URL('/packages/processor/src/__fixtures__/offsets.fast.json', location.origin))
    ).json();
    for (const c of data.cases) {
      const tok = await XLMRobertaTokenizerFast.fromPretrained(BASE);
      tok.logger = { warn() {} };
      if (c.addTokens) tok.addTokens(c.addTokens);
      const call = tok as unknown as (t: unknown, o: unknown) => { inputIds: unknown; offsetMapping: unknown };
      const options = { ...c.options, textPair: c.args[1] ?? null, returnOffsetsMapping: true };
      expect(call(c.args[0], { ...options, offsetsUnit: 'codePoint' }).offsetMapping, c.name).toEqual(c.expected.offset_mapping);
      expect(call(c.args[0], options).offsetMapping, c.name).toEqual(c.expected.offset_mapping_utf16);
    }
  });
});
