import { describe, expect, it } from 'vitest';
import { rng } from '../test-support/randomText.js';
import { splitGraphemes } from './graphemes.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const icu = (s: string) => Array.from(segmenter.segment(s), (x) => x.segment);
const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16)).join(' ');

// ICU follows CLDR, which tailors UAX #29 to keep aksaras of scripts beyond GB9c's six (Myanmar,
// Khmer, Balinese, …) together: a virama of those scripts followed by a letter. Rust's
// unicode-segmentation (the reference for the fast tokenizer) implements plain UAX #29, so strings
// with these viramas are left out of the comparison with ICU.
const CLDR_VIRAMAS = /[\u1039\u17d2\u1a60\u1b44\u1bab\ua9c0\uaaf6\u{10a3f}\u{11133}\u{113d0}\u{1193e}\u{11a47}\u{11a99}\u{11f42}]/u;

// Every code point costs ~20 s of CPU through Intl.Segmenter, so CI checks every assigned or
// default-ignorable code point outside the big uniform blocks (CJK ideographs of planes 2–3,
// private use, unassigned), where it samples one in 61; ALTCLIP_LONG_FUZZ=1 checks them all.
const ALL = process.env.ALTCLIP_LONG_FUZZ === '1';
const UNIFORM = /[\p{Cn}\p{Co}]|[\u{20000}-\u{3ffff}]/u;
const KEEP = /\p{Default_Ignorable_Code_Point}/u;

function* codePoints(): Generator<string> {
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (ALL || cp % 61 === 0 || !UNIFORM.test(c) || KEEP.test(c)) yield c;
  }
}

describe('forEachGrapheme (UAX #29) against Intl.Segmenter', () => {
  // One context string per probe; each code point is checked as follower of a letter (Extend,
  // SpacingMark, ZWJ attach), as leader of a letter (Prepend) and against itself (Hangul, RI,
  // controls). Batched so Intl.Segmenter sees ~4k units at a time (it is slow on long strings).
  it(`${ALL ? 'every' : 'every assigned'} code point as follower, leader and repeated agrees`, () => {
    const bad: string[] = [];
    let batch: string[] = [];
    const flush = () => {
      const s = batch.join('');
      const want = icu(s);
      const got = splitGraphemes(s);
      if (JSON.stringify(want) !== JSON.stringify(got)) {
        for (const probe of batch) {
          if (JSON.stringify(icu(probe)) !== JSON.stringify(splitGraphemes(probe))) bad.push(hex(probe));
        }
      }
      batch = [];
    };
    for (const c of codePoints()) {
      // U+0001 separates the probes: a control always breaks (GB4, GB5).
      batch.push(`\u0001a${c}\u0001${c}a\u0001${c}${c}`);
      if (batch.length >= 400) flush();
    }
    flush();
    expect(bad.slice(0, 20)).toEqual([]);
    expect(bad.length).toBe(0);
  });

  it('random sequences over every break class agree (seed printed on failure)', () => {
    const seed = 0x6a7e;
    const r = rng(seed);
    const POOL = [
      'a', ' ', '\r', '\n', '\u0000', '\u0085', '\u200b', '\u200c', '\u200d', '\u0301', '\u0903', '\u093f', '\u0600', '\u0d4e',
      '\u1100', '\u1161', '\u11a8', '\uac00', '\uac01', '\ud7b0', '\ud7cb', '\u{1f1e6}', '\u{1f1e9}', '\u{1f469}', '\u{1f3fb}',
      '\ufe0f', '\u00a9', '\u0915', '\u094d', '\u0937', '\u0951', '\u0941', '\u09cd', '\u0995', '\u0e33', '\u0e01', '\u{e0061}',
      '\u{110bd}', '\u102b', '\u1038', 'é', '\u2028', '\ufeff',
    ];
    const bad: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const n = 1 + Math.floor(r() * 8);
      for (let i = 0; i < n; i++) s += POOL[Math.floor(r() * POOL.length)];
      if (CLDR_VIRAMAS.test(s)) continue;
      if (JSON.stringify(icu(s)) !== JSON.stringify(splitGraphemes(s))) bad.push(`${hex(s)} icu=${JSON.stringify(icu(s))}`);
    }
    expect(bad.slice(0, 20), `seed ${seed}`).toEqual([]);
  });

  it('CLDR aksara tailoring is where ICU and UAX #29 part', () => {
    expect(icu('\u1000\u1039\u1001')).toHaveLength(1);
    expect(splitGraphemes('\u1000\u1039\u1001')).toEqual(['\u1000\u1039', '\u1001']);
    expect(splitGraphemes('\u0915\u094d\u0937')).toEqual(['\u0915\u094d\u0937']); // GB9c
  });
});
