/** Test support: seeded random strings covering the classes where tokenizers disagree. */
/** mulberry32: small seeded PRNG so a failing string can be reproduced from the seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WHITESPACE = ['\t', '\n', '\r', '\v', '\f', ' ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2007', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u180e', '\u001c'];
const SPECIAL = ['<s>', '</s>', '<pad>', '<unk>', '<mask>', ' <mask>', '<mask> ', '＜ｓ＞', '<s', 'mask>', '\u2581'];
const FORMAT = ['\u200d', '\u200c', '\u200b', '\ufeff', '\ufe0f', '\u00ad', '\u2060', '\u034f', '\u061c', '\u200e'];
const WORDS = ['A photo of a cat', 'Café', 'Zürich', '4000', '1234567', 'naïve', '猫坐在木桌上', 'テーブル', '고양이가', 'طاولة', 'Кошка', 'बिल्ली', 'แมวนั่ง', '🐱', '👩\u200d👩\u200d👧', '🇩🇪', 'Ｆｕｌｌ', '①②', 'ﬁ', '㍻', 'Å', '\u1100\u1161\u11a8'];

/** Random strings over every plane plus the classes where tokenizers go wrong. */
export function randomText(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const range = (lo: number, hi: number) => String.fromCodePoint(lo + Math.floor(r() * (hi - lo + 1)));
  const parts: string[] = [];
  const n = 1 + Math.floor(r() * 12);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.14) parts.push(pick(WORDS));
    else if (k < 0.26) parts.push(pick(WHITESPACE).repeat(1 + Math.floor(r() * 4)));
    else if (k < 0.34) parts.push(pick(SPECIAL));
    else if (k < 0.42) parts.push(pick(FORMAT));
    else if (k < 0.5) parts.push(range(0x300, 0x36f)); // combining diacritics
    else if (k < 0.54) parts.push(range(0x1100, 0x11ff)); // Hangul jamo
    else if (k < 0.58) parts.push(range(0x0, 0x1f) + range(0x7f, 0x9f)); // C0/C1 controls
    else if (k < 0.66) parts.push(range(0x20, 0x7e).repeat(1 + Math.floor(r() * 3)));
    else if (k < 0.74) parts.push(range(0x80, 0x2fff)); // Latin … CJK symbols
    else if (k < 0.8) parts.push(range(0x3000, 0xffef)); // CJK, Hangul, compatibility, fullwidth
    else if (k < 0.86) parts.push(range(0x10000, 0x10ffff)); // supplementary planes
    else if (k < 0.9) parts.push(range(0x1f300, 0x1faff)); // emoji
    else if (k < 0.93) parts.push(r() < 0.5 ? '\ud800' : 'x\udfff'); // lone surrogates
    else parts.push(range(0xa0, 0x24f) + range(0x300, 0x36f) + range(0x300, 0x36f));
  }
  return parts.join('');
}
