import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toWellFormed } from '../unicode/toWellFormed.js';
import { SentencePieceProcessor } from './SentencePieceProcessor.js';

const MODEL = fileURLToPath(new URL('../../../../../fixtures/altclip-tiny/sentencepiece.bpe.model', import.meta.url));
const PYTHON = process.env.SENTENCEPIECE_PYTHON;
const COUNT = Number(process.env.SENTENCEPIECE_COUNT ?? 3000);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['A photo of a cat', '4000', ' 2000 ', 'Café', 'e\u0301', '猫坐在', 'テーブル', '고양이', '\u1100\u1161\u11a8', 'Кошка', 'बिल्ली', 'แมว', '🐱', '👩\u200d👧', 'Ｆｕｌｌ', 'ﬁ', '①', '\u200d', '\u200b', '\ufeff', '\u00ad', '▁', '   ', '\t\n', '\u3000', '\u00a0'];

function randomText(r: () => number): string {
  const range = (lo: number, hi: number) => String.fromCodePoint(lo + Math.floor(r() * (hi - lo + 1)));
  let s = '';
  const n = 1 + Math.floor(r() * 10);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.35) s += PIECES[Math.floor(r() * PIECES.length)];
    else if (k < 0.5) s += range(0x20, 0x7e).repeat(1 + Math.floor(r() * 3));
    else if (k < 0.6) s += range(0x300, 0x36f);
    else if (k < 0.7) s += range(0x0, 0x9f);
    else if (k < 0.85) s += range(0xa0, 0xffef);
    else s += range(0x10000, 0x10ffff);
  }
  return toWellFormed(s);
}

// Independent reference for the slow path: Google's sentencepiece through Python. Skipped unless
// SENTENCEPIECE_PYTHON names a python that can `import sentencepiece` (not installed on CI; the
// fixture's expected ids cover the slow path there). Checked by hand with sentencepiece 0.2.2.
describe('sentencepiece reference (Python)', () => {
  it.skipIf(!PYTHON)(`${COUNT} random strings: ids equal SentencePieceProcessor.encode`, () => {
    const sp = SentencePieceProcessor.fromBytes(readFileSync(MODEL));
    const r = rng(20261127);
    const texts = Array.from({ length: COUNT }, () => randomText(r));
    const script = 'import json,sys,sentencepiece as s\np=s.SentencePieceProcessor(model_file=sys.argv[1])\nprint(json.dumps([p.encode(t) for t in json.load(sys.stdin)]))';
    const want: number[][] = JSON.parse(execFileSync(PYTHON!, ['-c', script, MODEL], { input: JSON.stringify(texts), maxBuffer: 1 << 28 }).toString());
    const bad = texts.flatMap((t, i) => {
      const got = sp.encode(t).map((p) => p.id);
      return JSON.stringify(got) === JSON.stringify(want[i]) ? [] : [`${JSON.stringify(t)}: ${JSON.stringify(got)} vs ${JSON.stringify(want[i])}`];
    });
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
