import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';
import { isPilResample, PilResample } from '../resize/PilResample.js';
import { getSizeDict, type SizeDict } from './SizeDict.js';

export const OPENAI_CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const OPENAI_CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;

/** `CLIPImageProcessor`'s settings in camelCase, with HF's defaults applied. */
export interface CLIPImageProcessorConfig {
  readonly doResize: boolean;
  readonly size: SizeDict;
  readonly resample: PilResample;
  readonly doCenterCrop: boolean;
  readonly cropSize: SizeDict;
  readonly doRescale: boolean;
  readonly rescaleFactor: number;
  readonly doNormalize: boolean;
  readonly imageMean: readonly number[] | number;
  readonly imageStd: readonly number[] | number;
  readonly doConvertRgb: boolean;
}

/** The on-disk (`preprocessor_config.json`) form: HF's snake_case keys, all optional. */
export interface CLIPImageProcessorDict {
  do_resize?: boolean;
  size?: number | readonly number[] | Record<string, number>;
  resample?: number;
  do_center_crop?: boolean;
  crop_size?: number | readonly number[] | Record<string, number>;
  do_rescale?: boolean;
  rescale_factor?: number;
  do_normalize?: boolean;
  image_mean?: number | readonly number[];
  image_std?: number | readonly number[];
  do_convert_rgb?: boolean;
  use_square_size?: boolean;
  [key: string]: unknown;
}

/**
 * `CLIPImageProcessor.__init__` (v4.47.1) from a config dict: defaults, `get_size_dict` for `size`
 * (an integer is the shortest edge) and `crop_size` (an integer is a square), and the KOSMOS-2
 * `use_square_size` flag. Every field is type-checked; the error names the file and the field.
 */
export function parseCLIPImageProcessorConfig(dict: CLIPImageProcessorDict, file = '<dict>'): CLIPImageProcessorConfig {
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) {
    throw new ProcessorConfigError(file, 'expected a JSON object');
  }
  const bool = (key: string, fallback: boolean): boolean => {
    const v = dict[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') throw new ProcessorConfigError(file, `${key} must be true or false, got ${JSON.stringify(v)}`);
    return v;
  };
  const number = (key: string, fallback: number): number => {
    const v = dict[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProcessorConfigError(file, `${key} must be a number, got ${JSON.stringify(v)}`);
    return v;
  };
  const stats = (key: string, fallback: readonly number[]): readonly number[] | number => {
    const v = dict[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) return v as number[];
    throw new ProcessorConfigError(file, `${key} must be a number or a list of numbers, got ${JSON.stringify(v)}`);
  };

  let size = getSizeDict(dict.size ?? { shortest_edge: 224 }, false, 'size', file);
  if (dict.use_square_size === true && 'shortest_edge' in size) {
    size = { height: size.shortest_edge, width: size.shortest_edge };
  }
  const resample = dict.resample ?? PilResample.BICUBIC;
  if (!isPilResample(resample)) {
    throw new ProcessorConfigError(file, `resample must be a PIL filter id 0-5 (0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming), got ${JSON.stringify(resample)}`);
  }
  return {
    doResize: bool('do_resize', true),
    size,
    resample,
    doCenterCrop: bool('do_center_crop', true),
    cropSize: getSizeDict(dict.crop_size ?? { height: 224, width: 224 }, true, 'crop_size', file),
    doRescale: bool('do_rescale', true),
    rescaleFactor: number('rescale_factor', 1 / 255),
    doNormalize: bool('do_normalize', true),
    imageMean: stats('image_mean', OPENAI_CLIP_MEAN),
    imageStd: stats('image_std', OPENAI_CLIP_STD),
    doConvertRgb: bool('do_convert_rgb', true),
  };
}
