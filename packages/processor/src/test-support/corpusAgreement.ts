import { CLIPImageProcessor } from '../image/CLIPImageProcessor.js';
import type { CLIPImageProcessorDict } from '../image/config/CLIPImageProcessorConfig.js';
import type { LoadImageOptions } from '../image/decode/ImageInput.js';
import { loadImage } from '../image/decode/loadImage.js';
import { expectedJson, fixtureUrl } from './fixture.js';
import { type CorpusEntry, corpusImageBytes, corpusTensor, sha256Hex } from './photoCorpus.js';
import { levelAgreement, maxAbsDiff } from './pixelChecks.js';

/**
 * Test support: runs one corpus image through `loadImage` and `CLIPImageProcessor` on the current runtime
 * and says how it compares with PIL. The same function serves the Node (sharp / no sharp) and Chromium
 * tests, and `corpusSupport.ts` says what each path must give; the README's format table is generated from
 * that (see `formatTable.test.ts`).
 */
export type CorpusPath = 'node-sharp' | 'node-ts' | 'chromium' | 'chromium-native';

export interface CorpusResult {
  /** `exact` (0 differing decoded samples), `differs`, or the name of the error class thrown. */
  readonly outcome: string;
  readonly differing?: number;
  readonly maxDiff?: number;
  readonly message?: string;
  /** pixel_values against HF's (fixture config, 30×30): max |Δ|. */
  readonly pv30MaxDiff?: number;
  /** pixel_values with the BAAI 224 config: float32 bytes equal to HF's (sha256). */
  readonly pv224Equal?: boolean;
  /** loadImage(..., {applyExifOrientation: true}) equal to ImageOps.exif_transpose (EXIF files only). */
  readonly transposedEqual?: boolean;
}

let processors: Promise<{ tiny: CLIPImageProcessor; baai: CLIPImageProcessor }> | undefined;

function corpusProcessors() {
  processors ??= (async () => ({
    tiny: await CLIPImageProcessor.fromPretrained(fixtureUrl('').href),
    baai: CLIPImageProcessor.fromDict((await expectedJson()).conventions.baai224_preprocessor as CLIPImageProcessorDict),
  }))();
  return processors;
}

export async function runCorpusImage(entry: CorpusEntry, options: LoadImageOptions = {}, withPixelValues = true): Promise<CorpusResult> {
  const bytes = await corpusImageBytes(entry.file);
  let rgb: Awaited<ReturnType<typeof loadImage>>;
  try {
    rgb = await loadImage(bytes, options);
  } catch (e) {
    return { outcome: (e as Error).name, message: (e as Error).message };
  }
  if (rgb.width !== entry.width || rgb.height !== entry.height) {
    return { outcome: 'differs', message: `size ${rgb.width}x${rgb.height}, PIL ${entry.width}x${entry.height}` };
  }
  let agreement: { maxDiff: number; differing: number };
  if (entry.rgb_row_step) {
    const rows = await corpusTensor(`rgbRows/${entry.file}`);
    const step = entry.rgb_row_step;
    const stride = entry.width * 3;
    const ours = new Uint8Array(rows.data.length);
    for (let r = 0, y = 0; y < entry.height; r++, y += step) ours.set(rgb.data.subarray(y * stride, (y + 1) * stride), r * stride);
    agreement = levelAgreement(ours, rows.data as Uint8Array);
    // The stored rows are a sample; the hash covers every sample.
    if (!agreement.differing && (await sha256Hex(rgb.data)) !== entry.rgb_sha256) agreement = { maxDiff: Number.NaN, differing: Number.NaN };
  } else {
    const expected = await corpusTensor(`rgb/${entry.rgb_sha256.slice(0, 16)}`);
    agreement = levelAgreement(rgb.data, expected.data as Uint8Array);
  }
  if (agreement.differing !== 0) return { outcome: 'differs', ...agreement };
  if (!withPixelValues) return { outcome: 'exact', differing: 0, maxDiff: 0 };
  const { tiny, baai } = await corpusProcessors();
  const pv30 = tiny.preprocess(rgb);
  const pv30MaxDiff = maxAbsDiff(pv30.data, (await corpusTensor(`pv30/${entry.file}`)).data as Float32Array);
  const pv224 = await baai.process(bytes, options);
  const pv224Equal = (await sha256Hex(pv224.pixelValues.data as Float32Array)) === entry.pv224_sha256;
  let transposedEqual: boolean | undefined;
  if (entry.transposed) {
    const t = await loadImage(bytes, { ...options, applyExifOrientation: true });
    transposedEqual = t.width === entry.transposed.width && t.height === entry.transposed.height && (await sha256Hex(t.data)) === entry.transposed.rgb_sha256;
  }
  return { outcome: 'exact', differing: 0, maxDiff: 0, pv30MaxDiff, pv224Equal, ...(transposedEqual !== undefined && { transposedEqual }) };
}
