import type { CLIPImageProcessorConfig, CLIPImageProcessorDict } from './CLIPImageProcessorConfig.js';

const OWN_KEYS = new Set([
  'do_resize',
  'size',
  'resample',
  'do_center_crop',
  'crop_size',
  'do_rescale',
  'rescale_factor',
  'do_normalize',
  'image_mean',
  'image_std',
  'do_convert_rgb',
  'image_processor_type',
  'processor_class',
]);

/**
 * HF's `ImageProcessingMixin.to_dict()` for a CLIPImageProcessor: every attribute in its normalised form (sizes as
 * dicts), keys HF does not know kept as they were loaded (HF sets them as attributes and writes them back),
 * `image_processor_type`, and `processor_class` when a processor saves it.
 */
export function toImageProcessorDict(config: CLIPImageProcessorConfig, loaded: CLIPImageProcessorDict, processorClass?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(loaded)) if (!OWN_KEYS.has(key)) out[key] = value;
  Object.assign(out, {
    do_resize: config.doResize,
    size: { ...config.size },
    resample: config.resample,
    do_center_crop: config.doCenterCrop,
    crop_size: { ...config.cropSize },
    do_rescale: config.doRescale,
    rescale_factor: config.rescaleFactor,
    do_normalize: config.doNormalize,
    image_mean: Array.isArray(config.imageMean) ? [...config.imageMean] : config.imageMean,
    image_std: Array.isArray(config.imageStd) ? [...config.imageStd] : config.imageStd,
    do_convert_rgb: config.doConvertRgb,
    image_processor_type: 'CLIPImageProcessor',
  });
  const processor = processorClass ?? (typeof loaded.processor_class === 'string' ? loaded.processor_class : undefined);
  if (processor !== undefined) out.processor_class = processor;
  return out;
}

/** Float-valued keys of preprocessor_config.json (Python writes `1.0`, not `1`). */
export function isImageProcessorFloat(path: readonly string[]): boolean {
  return path[0] === 'rescale_factor' || path[0] === 'image_mean' || path[0] === 'image_std';
}
