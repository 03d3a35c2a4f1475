import { ProcessorInputError } from '../../errors/ProcessorInputError.js';
import { type CLIPImageProcessorConfig, type CLIPImageProcessorDict, parseCLIPImageProcessorConfig } from './CLIPImageProcessorConfig.js';

/**
 * Per-call arguments of HF's `CLIPImageProcessor.preprocess` (v4.47.1), camelCased. Each replaces the
 * processor's own setting for one call; `null`/absent keeps it. `size` and `cropSize` go through
 * `get_size_dict` as in HF (an integer `size` is the shortest edge, an integer `cropSize` a square).
 */
export interface CLIPImageProcessorOverrides {
  readonly doResize?: boolean | null;
  readonly size?: number | readonly number[] | Readonly<Record<string, number>> | null;
  /** PIL filter id: 0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming. */
  readonly resample?: number | null;
  readonly doCenterCrop?: boolean | null;
  readonly cropSize?: number | readonly number[] | Readonly<Record<string, number>> | null;
  readonly doRescale?: boolean | null;
  readonly rescaleFactor?: number | null;
  readonly doNormalize?: boolean | null;
  readonly imageMean?: number | readonly number[] | null;
  readonly imageStd?: number | readonly number[] | null;
  readonly doConvertRgb?: boolean | null;
  /** Only HF's default `'channels_first'`: pixel values are always [N, 3, H, W]. */
  readonly dataFormat?: 'channels_first' | null;
}

/** camelCase option → HF's keyword and this package's config field. */
const FIELDS: ReadonlyArray<readonly [keyof CLIPImageProcessorOverrides, string, keyof CLIPImageProcessorConfig]> = [
  ['doResize', 'do_resize', 'doResize'],
  ['size', 'size', 'size'],
  ['resample', 'resample', 'resample'],
  ['doCenterCrop', 'do_center_crop', 'doCenterCrop'],
  ['cropSize', 'crop_size', 'cropSize'],
  ['doRescale', 'do_rescale', 'doRescale'],
  ['rescaleFactor', 'rescale_factor', 'rescaleFactor'],
  ['doNormalize', 'do_normalize', 'doNormalize'],
  ['imageMean', 'image_mean', 'imageMean'],
  ['imageStd', 'image_std', 'imageStd'],
  ['doConvertRgb', 'do_convert_rgb', 'doConvertRgb'],
];

export const IMAGE_PROCESSOR_OVERRIDE_KEYS: readonly string[] = [...FIELDS.map(([k]) => k), 'dataFormat'];

/** HF image keywords CLIP's processor has no use for (HF warns "Unused or unrecognized kwargs" and ignores them). */
export const REFUSED_IMAGE_OPTIONS: Readonly<Record<string, string>> = {
  sizeDivisor: 'CLIPImageProcessor does not use size_divisor (HF ignores it with a warning)',
  doPad: 'CLIPImageProcessor does not pad (HF ignores do_pad with a warning)',
  padSize: 'CLIPImageProcessor does not pad (HF ignores pad_size with a warning)',
  inputDataFormat: 'images are decoded here, so their channel layout is known',
};

/** The processor's config with the given overrides applied, validated like the config file is. */
export function applyImageProcessorOverrides(config: CLIPImageProcessorConfig, overrides: CLIPImageProcessorOverrides): CLIPImageProcessorConfig {
  if (overrides.dataFormat !== undefined && overrides.dataFormat !== null && overrides.dataFormat !== 'channels_first') {
    throw new ProcessorInputError(`dataFormat: only 'channels_first' ([N, 3, H, W], HF's default) is supported, got ${JSON.stringify(overrides.dataFormat)}`);
  }
  const given = FIELDS.filter(([key]) => overrides[key] !== undefined && overrides[key] !== null);
  if (given.length === 0) return config;
  const dict: CLIPImageProcessorDict = {};
  for (const [key, snake] of given) dict[snake] = overrides[key];
  // The config parser checks types and builds size dicts; only the given fields are taken from its result.
  const parsed = parseCLIPImageProcessorConfig(dict, 'call arguments');
  const out: Record<string, unknown> = { ...config };
  for (const [, , field] of given) out[field] = parsed[field];
  return out as unknown as CLIPImageProcessorConfig;
}
