import type { CorpusPath } from './corpusAgreement.js';
import type { CorpusEntry } from './photoCorpus.js';

/**
 * What each decode path must give for each corpus image: `exact` (0 differing decoded samples against PIL),
 * `differs` (decodes, but not PIL's samples — a known limitation stated in the README), or the typed error it
 * must raise instead. The tests assert these, and the README's format table is generated from them
 * (`formatTable.test.ts`), so the table cannot claim more than the tests prove.
 */
export function expectedOutcome(entry: CorpusEntry, path: CorpusPath): string {
  if (entry.format === 'WEBP' && path === 'node-ts') return 'UnsupportedImageFormatError';
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

/** Rows of the README's format table: each groups corpus files by name. */
export const FORMAT_ROWS: readonly { label: string; match: (file: string) => boolean }[] = [
  { label: 'JPEG baseline / progressive / optimised, restart intervals, 4:4:4 4:2:2 4:2:0 4:4:0 4:1:1 at odd sizes', match: (f) => /^jpeg-(4\d\d|progressive|optimized|restart|imagemagick)/.test(f) },
  { label: 'JPEG grayscale (baseline, progressive)', match: (f) => /^jpeg-gray/.test(f) },
  { label: 'JPEG with ICC profile (AdobeRGB, ProPhoto, WideGamut, ECI-RGB v2, sRGB, gray)', match: (f) => f.startsWith('jpeg-icc-') },
  { label: 'JPEG CMYK / YCCK (with and without Adobe marker)', match: (f) => /^jpeg-(cmyk|ycck)/.test(f) },
  { label: 'JPEG EXIF orientation 1–8', match: (f) => f.startsWith('jpeg-exif-') },
  { label: 'JPEG arithmetic-coded (sequential, progressive, restarts, 4:4:4/4:2:2/4:2:0, grey)', match: (f) => f.startsWith('jpeg-arithmetic') },
  { label: 'JPEG 12 MP (4032×3024)', match: (f) => f.startsWith('jpeg-12mp') },
  { label: 'PNG Adam7, 16-bit RGB/RGBA, palette+tRNS, iCCP, gAMA/cHRM/sRGB, LA, RGBA', match: (f) => f.startsWith('png-') },
  { label: 'GIF transparent index, animated (frame 0), interlaced, gray', match: (f) => f.startsWith('gif-') },
  { label: 'WebP lossy, lossless, animated (frame 0), ICC', match: (f) => f.startsWith('webp-') && !f.includes('alpha') },
  { label: 'WebP with alpha (lossy, lossless)', match: (f) => f.startsWith('webp-') && f.includes('alpha') },
];

function cell(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  const word = (o: string) => (o === 'exact' ? 'exact' : o === 'differs' ? 'decodes, differs' : `\`${o}\``);
  if (counts.size === 1) return `${word(outcomes[0])} (${outcomes.length})`;
  return [...counts].map(([o, n]) => `${word(o)} (${n})`).join(', ');
}

/** The README's format table, from the corpus manifest and `expectedOutcome` (what the tests assert). */
export function formatTableMarkdown(images: readonly CorpusEntry[]): string {
  const lines = [`| corpus files (count) | ${CORPUS_PATHS.map((p) => p.label).join(' | ')} |`, `|---|${CORPUS_PATHS.map(() => '---').join('|')}|`];
  const covered = new Set<string>();
  for (const row of FORMAT_ROWS) {
    const files = images.filter((e) => row.match(e.file));
    for (const e of files) covered.add(e.file);
    const cells = CORPUS_PATHS.map(({ path }) => {
      // 'browser' only changes the JPEG decoder; other formats take the default Chromium path.
      const effective = path === 'chromium-native' && files.some((e) => e.format !== 'JPEG') ? 'chromium' : path;
      return cell(files.map((e) => expectedOutcome(e, effective)));
    });
    lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  const missing = images.filter((e) => !covered.has(e.file)).map((e) => e.file);
  if (missing.length) throw new Error(`format table rows miss ${missing.join(', ')}`);
  return lines.join('\n');
}
