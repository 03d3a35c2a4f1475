let segmenter: Intl.Segmenter | null | undefined;

/**
 * Extended grapheme clusters (UAX #29) through `Intl.Segmenter`, available in Node ≥ 16 and all
 * current browsers. Rust's `unicode-segmentation` follows the same rules; the two may differ only
 * on characters assigned in a Unicode version one of them does not know yet.
 */
export function splitGraphemes(text: string): string[] {
  if (segmenter === undefined) {
    segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  }
  if (segmenter === null) throw new Error('Intl.Segmenter (grapheme) is required by the fast tokenizer normalizer');
  const out: string[] = [];
  for (const s of segmenter.segment(text)) out.push(s.segment);
  return out;
}
