import { describe, expect, it } from 'vitest';
import { runCorpusImage } from '../../test-support/corpusAgreement.js';
import { expectedOutcome } from '../../test-support/corpusSupport.js';
import { corpusManifest } from '../../test-support/photoCorpus.js';

// The photo corpus in headless Chromium: the default path (this package's PNG/GIF/JPEG decoders, the
// browser's codec for WebP via createImageBitmap with colorSpaceConversion 'none'), and JPEG through the
// browser's own codec (`jpegDecoder: 'browser'`), which must ignore embedded ICC profiles like PIL.
const { images } = await corpusManifest();
const jpegs = images.filter((e) => e.format === 'JPEG');

describe('photo corpus, Chromium (default path)', () => {
  it.each(images.map((e) => [e.file, e] as const))('%s', async (_file, entry) => {
    const result = await runCorpusImage(entry);
    console.log(`[corpus chromium] ${entry.file} ${JSON.stringify(result)}`);
    expect(result.outcome).toBe(expectedOutcome(entry, 'chromium'));
    if (result.outcome === 'exact') {
      expect(result.pv30MaxDiff).toBeLessThanOrEqual(1e-6);
      expect(result.pv224Equal).toBe(true);
      if (entry.transposed) expect(result.transposedEqual).toBe(true);
    }
  });
});

describe("photo corpus, Chromium's JPEG codec (jpegDecoder: 'browser')", () => {
  it.each(jpegs.map((e) => [e.file, e] as const))('%s', async (_file, entry) => {
    const result = await runCorpusImage(entry, { jpegDecoder: 'browser' });
    console.log(`[corpus chromium-native] ${entry.file} ${JSON.stringify(result)}`);
    expect(result.outcome).toBe(expectedOutcome(entry, 'chromium-native'));
    if (result.outcome === 'exact') {
      expect(result.pv30MaxDiff).toBeLessThanOrEqual(1e-6);
      expect(result.pv224Equal).toBe(true);
    }
  });
});
