import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';
import { randomText, rng } from './test-support/randomText.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
const COUNT = 4000;
const SEED = 0x5eed_a17c;

describe('property: fast path ids equal HF tokenizers (Rust, npm tokenizers 0.23.2)', () => {
  it(`${COUNT} random Unicode strings (seed ${SEED.toString(16)}) give identical ids and decodes`, async () => {
    const tok = await XLMRobertaTokenizerFast.fromPretrained(FIXTURE);
    const rust = Tokenizer.fromFile(`${FIXTURE}tokenizer.json`);
    const r = rng(SEED);
    const inputs = Array.from({ length: COUNT }, () => randomText(r));
    const mismatches: string[] = [];
    for (let start = 0; start < inputs.length; start += 500) {
      const chunk = inputs.slice(start, start + 500);
      const encs = await rust.encodeBatch(chunk);
      for (let i = 0; i < chunk.length; i++) {
        const want = encs[i].getIds();
        const got = tok.encode(chunk[i]);
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${JSON.stringify(chunk[i])}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      }
      if (start === 0) {
        const decoded = await rust.decodeBatch(encs.map((e) => e.getIds()), false);
        encs.forEach((e, i) => {
          expect(tok.decode(e.getIds())).toBe(decoded[i]);
        });
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  // No Python sentencepiece here to compare with; this only checks that the slow path accepts the
  // same inputs without throwing and stays inside its vocabulary.
  it('slow path: the same strings encode to in-range ids and decode without error', async () => {
    const tok = await XLMRobertaTokenizer.fromPretrained(FIXTURE);
    tok.logger = { warn() {} };
    const r = rng(SEED);
    for (let i = 0; i < COUNT; i++) {
      const ids = tok.encode(randomText(r));
      expect(ids[0]).toBe(0);
      expect(ids[ids.length - 1]).toBe(2);
      for (const id of ids) if (!(id >= 0 && id < tok.length)) throw new Error(`id ${id} out of range`);
      tok.decode(ids, { skipSpecialTokens: true });
    }
  });

  // test-support/rustRandomIds.json carries Rust ids to the browser test (no Rust binding there);
  // this keeps that file honest.
  it('test-support/rustRandomIds.json still equals the Rust library', async () => {
    const rust = Tokenizer.fromFile(`${FIXTURE}tokenizer.json`);
    const data: { cases: Array<{ text: string; ids: number[] }> } = JSON.parse(readFileSync(new URL('./test-support/rustRandomIds.json', import.meta.url), 'utf8'));
    expect(data.cases).toHaveLength(600);
    const encs = await rust.encodeBatch(data.cases.map((c) => c.text));
    expect(encs.map((e) => e.getIds())).toEqual(data.cases.map((c) => c.ids));
  });
});
