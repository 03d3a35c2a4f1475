import { EXT_PICT, Gcb, graphemeProperties, INCB_CONSONANT, INCB_EXTEND, INCB_LINKER } from './graphemeClusterBreak.js';

/**
 * Extended grapheme clusters (UAX #29, rules GB1–GB999 including GB9c's Indic conjuncts), as Rust's
 * `unicode-segmentation` computes them for `tokenizers`. One pass, constant work per code unit: the
 * engine's `Intl.Segmenter` was used before, but costs microseconds per cluster and falls off a cliff
 * (tens of seconds) on strings past 65,535 UTF-16 units. Calls `visit(start, end)` per cluster
 * (UTF-16 indices). Unlike ICU's segmenter this does not apply CLDR's tailoring for aksaras of
 * other scripts (Myanmar, Khmer, …), which Rust does not apply either.
 */
export function forEachGrapheme(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  if (n === 0) return;
  let start = 0;
  let prev = -1;
  let riCount = 0;
  // GB11: 0 none, 1 after ExtPict Extend*, 2 after ExtPict Extend* ZWJ.
  let emoji = 0;
  // GB9c: 0 none, 1 after Consonant [Extend Linker]* without a linker, 2 with one.
  let conjunct = 0;
  let i = 0;
  while (i < n) {
    const cu = text.charCodeAt(i);
    let cp = cu;
    let width = 1;
    if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cu - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const props = graphemeProperties(cp);
    const cls = props & 0x0f;
    if (prev >= 0 && isBreak(prev, props, riCount, emoji, conjunct)) {
      visit(start, i);
      start = i;
    }
    riCount = cls === Gcb.RegionalIndicator ? riCount + 1 : 0;
    if (props & EXT_PICT) emoji = 1;
    else if (emoji === 1 && cls === Gcb.ZWJ) emoji = 2;
    else if (!(emoji === 1 && cls === Gcb.Extend)) emoji = 0;
    if (props & INCB_CONSONANT) conjunct = 1;
    else if (conjunct > 0 && props & INCB_LINKER) conjunct = 2;
    else if (!(conjunct > 0 && props & INCB_EXTEND)) conjunct = 0;
    prev = props;
    i += width;
  }
  visit(start, n);
}

function isBreak(prevProps: number, props: number, riCount: number, emoji: number, conjunct: number): boolean {
  const a = prevProps & 0x0f;
  const b = props & 0x0f;
  if (a === Gcb.CR && b === Gcb.LF) return false; // GB3
  if (a === Gcb.CR || a === Gcb.LF || a === Gcb.Control) return true; // GB4
  if (b === Gcb.CR || b === Gcb.LF || b === Gcb.Control) return true; // GB5
  if (a === Gcb.L && (b === Gcb.L || b === Gcb.V || b === Gcb.LV || b === Gcb.LVT)) return false; // GB6
  if ((a === Gcb.LV || a === Gcb.V) && (b === Gcb.V || b === Gcb.T)) return false; // GB7
  if ((a === Gcb.LVT || a === Gcb.T) && b === Gcb.T) return false; // GB8
  if (b === Gcb.Extend || b === Gcb.ZWJ) return false; // GB9
  if (b === Gcb.SpacingMark) return false; // GB9a
  if (a === Gcb.Prepend) return false; // GB9b
  if (conjunct === 2 && props & INCB_CONSONANT) return false; // GB9c
  if (emoji === 2 && props & EXT_PICT) return false; // GB11
  if (a === Gcb.RegionalIndicator && b === Gcb.RegionalIndicator && riCount % 2 === 1) return false; // GB12, GB13
  return true; // GB999
}

/** The clusters of `text` as strings. */
export function splitGraphemes(text: string): string[] {
  const out: string[] = [];
  forEachGrapheme(text, (s, e) => out.push(text.slice(s, e)));
  return out;
}
