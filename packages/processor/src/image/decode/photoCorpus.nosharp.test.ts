import { describe, expect, it, vi } from 'vitest';
import { runCorpusImage } from '../../test-support/corpusAgreement.js';
import { expectedOutcome } from '../../test-support/corpusSupport.js';
import { corpusManifest } from '../../test-support/photoCorpus.js';

// Node where sharp cannot load (no prebuilt binary, or not installed): this package's TypeScript decoders
// only. Formats that need sharp must fail with UnsupportedImageFormatError, never with something else.
vi.mock('./sharp/loadSharp.js', () => ({ loadSharp: async () => undefined }));

const { images } = await corpusManifest();

describe('photo corpus, Node without sharp (TypeScript decoders)', () => {
  it.each(images.map((e) => [e.file, e] as const))('%s', async (_file, entry) => {
    const result = await runCorpusImage(entry);
    console.log(`[corpus node-ts] ${entry.file} ${JSON.stringify(result)}`);
    expect(result.outcome).toBe(expectedOutcome(entry, 'node-ts'));
    if (result.outcome === 'exact') {
      expect(result.pv30MaxDiff).toBeLessThanOrEqual(1e-6);
      expect(result.pv224Equal).toBe(true);
      if (entry.transposed) expect(result.transposedEqual).toBe(true);
    } else {
      expect(result.message).toContain('<');
    }
  });
});
