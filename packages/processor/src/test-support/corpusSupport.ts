import type { CorpusPath } from './corpusAgreement.js';
import type { CorpusEntry } from './photoCorpus.js';

/**
 * What each decode path must give for each corpus image: `exact` (0 differing samples against PIL), or the
 * typed error it must raise instead. The tests assert these, and the README's format table is generated from
 * them, so the table cannot claim more than the tests prove.
 */
export function expectedOutcome(entry: CorpusEntry, path: CorpusPath): string {
  const arithmetic = entry.file.includes('arithmetic');
  if (entry.format === 'WEBP' && path === 'node-ts') return 'UnsupportedImageFormatError';
  if (arithmetic && (path === 'node-ts' || path === 'chromium')) return 'UnsupportedImageFormatError';
  return 'exact';
}
