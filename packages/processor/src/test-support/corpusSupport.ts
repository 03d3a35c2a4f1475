import type { CorpusPath } from './corpusAgreement.js';
import type { CorpusEntry } from './photoCorpus.js';

/**
 * What each decode path must give for each corpus image: `exact` (0 differing decoded samples against PIL),
 * `differs` (decodes, but not PIL's samples — a known limitation stated in the README), or the typed error it
 * must raise instead. The tests assert these, and the README's format table is generated from them
 * (`formatTable.test.ts`), so the table cannot claim more than the tests prove.
 */
export function expectedOutcome(entry: CorpusEntry, path: CorpusPath): string {
  const arithmetic = entry.file.includes('arithmetic');
  if (entry.format === 'WEBP' && path === 'node-ts') return 'UnsupportedImageFormatError';
  if (arithmetic && path === 'node-ts') return 'UnsupportedImageFormatError';
  // Chromium hands decoded images to script only through a canvas, which stores premultiplied alpha: the
  // colour of partly transparent pixels loses precision (convert('RGB') keeps it).
  if (entry.format === 'WEBP' && entry.mode === 'RGBA' && path === 'chromium') return 'differs';
  // Chromium's own CMYK→RGB path rounds differently from Pillow's cmyk2rgb on ImageMagick's CMYK file.
  if (entry.file === 'jpeg-cmyk-imagemagick.jpg' && path === 'chromium-native') return 'differs';
  return 'exact';
}

export const CORPUS_PATHS: readonly { path: CorpusPath; label: string }[] = [
  { path: 'node-sharp', label: 'Node, sharp installed (default)' },
  { path: 'node-ts', label: 'Node without sharp (TypeScript decoders)' },
  { path: 'chromium', label: 'Chromium (default)' },
  { path: 'chromium-native', label: "Chromium, `jpegDecoder: 'browser'`" },
];
