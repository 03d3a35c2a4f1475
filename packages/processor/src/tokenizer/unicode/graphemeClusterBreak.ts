/**
 * Grapheme_Cluster_Break (UAX #29) of a code point, plus the two side properties the rules need
 * (Extended_Pictographic, Indic_Conjunct_Break). Derived from the JavaScript engine's own Unicode
 * property escapes (the same Unicode version as its `Intl.Segmenter`), and from short lists for the
 * properties JavaScript does not expose (Prepend, the SpacingMark exceptions, Hangul syllable types,
 * InCB). graphemes.test.ts checks every code point against `Intl.Segmenter`.
 */
export const Gcb = {
  Other: 0,
  CR: 1,
  LF: 2,
  Control: 3,
  Extend: 4,
  ZWJ: 5,
  RegionalIndicator: 6,
  Prepend: 7,
  SpacingMark: 8,
  L: 9,
  V: 10,
  T: 11,
  LV: 12,
  LVT: 13,
} as const;

/** Bits above the 4-bit break class. */
export const EXT_PICT = 0x10;
export const INCB_CONSONANT = 0x20;
export const INCB_LINKER = 0x40;
/** InCB=Extend: Extend or ZWJ that is neither a linker nor ZWNJ. */
export const INCB_EXTEND = 0x80;

/** Prepended_Concatenation_Mark and the Indic_Syllabic_Category values UAX #29 maps to Prepend. */
const PREPEND: ReadonlyArray<readonly [number, number]> = [
  [0x600, 0x605], [0x6dd, 0x6dd], [0x70f, 0x70f], [0x890, 0x891], [0x8e2, 0x8e2], [0xd4e, 0xd4e],
  [0x110bd, 0x110bd], [0x110cd, 0x110cd], [0x111c2, 0x111c3], [0x113d1, 0x113d1], [0x1193f, 0x1193f],
  [0x11941, 0x11941], [0x11a84, 0x11a89], [0x11d46, 0x11d46], [0x11f02, 0x11f02],
];

/** Spacing marks (gc=Mc) UAX #29 excludes from SpacingMark (they stay Other). */
const NOT_SPACING_MARK: ReadonlyArray<readonly [number, number]> = [
  [0x102b, 0x102c], [0x1038, 0x1038], [0x1062, 0x1064], [0x1067, 0x106d], [0x1083, 0x1083],
  [0x1087, 0x108c], [0x108f, 0x108f], [0x109a, 0x109c], [0x1a61, 0x1a61], [0x1a63, 0x1a64],
  [0xaa7b, 0xaa7b], [0xaa7d, 0xaa7d], [0x11720, 0x11721],
];

const INCB_LINKERS = new Set([0x94d, 0x9cd, 0xacd, 0xb4d, 0xc4d, 0xd4d]);

/** InCB=Consonant: the consonants of the six scripts whose viramas are InCB linkers. */
const INCB_CONSONANTS: ReadonlyArray<readonly [number, number]> = [
  [0x915, 0x939], [0x958, 0x95f], [0x978, 0x97f], [0x995, 0x9a8], [0x9aa, 0x9b0], [0x9b2, 0x9b2],
  [0x9b6, 0x9b9], [0x9dc, 0x9dd], [0x9df, 0x9df], [0x9f0, 0x9f1], [0xa95, 0xaa8], [0xaaa, 0xab0],
  [0xab2, 0xab3], [0xab5, 0xab9], [0xaf9, 0xaf9], [0xb15, 0xb28], [0xb2a, 0xb30], [0xb32, 0xb33],
  [0xb35, 0xb39], [0xb5c, 0xb5d], [0xb5f, 0xb5f], [0xb71, 0xb71], [0xc15, 0xc28], [0xc2a, 0xc39],
  [0xc58, 0xc5a], [0xd15, 0xd3a],
];

const inRanges = (cp: number, ranges: ReadonlyArray<readonly [number, number]>) => ranges.some(([a, b]) => cp >= a && cp <= b);

const EXTEND_RE = /[\p{Grapheme_Extend}\p{Emoji_Modifier}]/u;
const CONTROL_RE = /[\p{Cc}\p{Zl}\p{Zp}\p{Cf}\p{Cs}]|(?=\p{Cn})\p{Default_Ignorable_Code_Point}/u;
const MC_RE = /\p{Mc}/u;
const RI_RE = /\p{Regional_Indicator}/u;
const EXT_PICT_RE = /\p{Extended_Pictographic}/u;

function classify(cp: number): number {
  if (cp === 0x0d) return Gcb.CR;
  if (cp === 0x0a) return Gcb.LF;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return Gcb.Control;
  if (cp < 0x7f) return Gcb.Other;
  // Lone surrogates (only reachable through splitGraphemes on ill-formed text) are Control.
  const c = cp >= 0xd800 && cp <= 0xdfff ? '' : String.fromCodePoint(cp);
  if (c === '') return Gcb.Control;
  let gcb: number;
  if (cp === 0x200d) gcb = Gcb.ZWJ;
  else if (inRanges(cp, PREPEND)) gcb = Gcb.Prepend;
  else if (EXTEND_RE.test(c)) gcb = Gcb.Extend;
  else if (CONTROL_RE.test(c)) gcb = Gcb.Control;
  else if (RI_RE.test(c)) gcb = Gcb.RegionalIndicator;
  else if ((MC_RE.test(c) && !inRanges(cp, NOT_SPACING_MARK)) || cp === 0xe33 || cp === 0xeb3) gcb = Gcb.SpacingMark;
  else gcb = hangul(cp);
  let flags = gcb;
  if (EXT_PICT_RE.test(c)) flags |= EXT_PICT;
  if (INCB_LINKERS.has(cp)) flags |= INCB_LINKER;
  else if (inRanges(cp, INCB_CONSONANTS)) flags |= INCB_CONSONANT;
  else if ((gcb === Gcb.Extend && cp !== 0x200c) || gcb === Gcb.ZWJ) flags |= INCB_EXTEND;
  return flags;
}

function hangul(cp: number): number {
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c)) return Gcb.L;
  // Kirat Rai vowel signs (Unicode 16) are V as well.
  if ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6) || cp === 0x16d63 || (cp >= 0x16d67 && cp <= 0x16d6a)) return Gcb.V;
  if ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb)) return Gcb.T;
  if (cp >= 0xac00 && cp <= 0xd7a3) return (cp - 0xac00) % 28 === 0 ? Gcb.LV : Gcb.LVT;
  return Gcb.Other;
}

// One byte per code point, filled on first sight (regex tests are slow; most texts use few
// distinct code points). 255 = not computed yet. Allocated on first use, not at import.
let table: Uint8Array | null = null;

/** Break class in the low 4 bits, EXT_PICT / INCB_* flags above. */
export function graphemeProperties(cp: number): number {
  if (table === null) table = new Uint8Array(0x110000).fill(255);
  let v = table[cp];
  if (v === 255) {
    v = classify(cp);
    table[cp] = v;
  }
  return v;
}
