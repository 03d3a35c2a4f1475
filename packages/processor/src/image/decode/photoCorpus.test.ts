import { describe, expect, it } from 'vitest';
import { runCorpusImage } from '../../test-support/corpusAgreement.js';
import { expectedOutcome } from '../../test-support/corpusSupport.js';
import { corpusManifest } from '../../test-support/photoCorpus.js';

// Issue #12: every corpus image (real photos in the encodings users have; PIL 9.4 + transformers 4.47.1 as
// the oracle) through loadImage and CLIPImageProcessor on Node's default path, where sharp loads.
const { images } = await corpusManifest();

describe('photo corpus, Node with sharp (default path)', () => {
  it.each(images.map((e) => [e.file, e] as const))('%s', async (_file, entry) => {
    const result = await runCorpusImage(entry);
    console.log(`[corpus node-sharp] ${entry.file} ${JSON.stringify(result)}`);
    expect(result.outcome).toBe(expectedOutcome(entry, 'node-sharp'));
    if (result.outcome === 'exact') {
      expect(result.pv30MaxDiff).toBeLessThanOrEqual(1e-6);
      expect(result.pv224Equal).toBe(true);
      if (entry.transposed) expect(result.transposedEqual).toBe(true);
    }
  });
});

describe('the ICC cases are sensitive', () => {
  // Without `ignoreIcc`, libvips converts the embedded profile to sRGB: the corpus would catch a regression.
  it('sharp with colour management gives other pixels for the AdobeRGB JPEG', async () => {
    const { loadSharp } = await import('./sharp/loadSharp.js');
    const { corpusImageBytes, corpusTensor } = await import('../../test-support/photoCorpus.js');
    const { levelAgreement } = await import('../../test-support/pixelChecks.js');
    const sharp = await loadSharp();
    if (!sharp) throw new Error('sharp must load for this test');
    const entry = images.find((e) => e.file === 'jpeg-icc-adobergb.jpg');
    if (!entry) throw new Error('corpus lacks jpeg-icc-adobergb.jpg');
    const managed = await sharp(await corpusImageBytes(entry.file)).raw().toBuffer();
    const expected = (await corpusTensor(`rgb/${entry.rgb_sha256.slice(0, 16)}`)).data as Uint8Array;
    const agreement = levelAgreement(new Uint8Array(managed), expected);
    console.log(`[corpus] sharp without ignoreIcc on ${entry.file}: ${JSON.stringify(agreement)}`);
    expect(agreement.share).toBeGreaterThan(0.5);
  });
});
