import { type ModelFiles, type ResolveOptions, readFileBytes } from '@altclip/hub';
import { InvalidImageError } from '../errors/InvalidImageError.js';
import { ProcessorConfigError } from '../errors/ProcessorConfigError.js';
import { ProcessorInputError } from '../errors/ProcessorInputError.js';
import { joinModelPath } from '../io/joinModelPath.js';
import { loadOptionsProblem } from '../io/loadOptionsProblem.js';
import { modelFilesFor } from '../io/modelFilesFor.js';
import { pythonJsonDumps } from '../io/pythonJson.js';
import { readBytes } from '../io/readBytes.js';
import { saveOptionsProblem } from '../io/saveOptionsProblem.js';
import { writeModelFiles } from '../io/writeModelFiles.js';
import {
  type CLIPImageProcessorConfig,
  type CLIPImageProcessorDict,
  parseCLIPImageProcessorConfig,
} from './config/CLIPImageProcessorConfig.js';
import { applyImageProcessorOverrides, type CLIPImageProcessorOverrides, IMAGE_PROCESSOR_OVERRIDE_KEYS, REFUSED_IMAGE_OPTIONS } from './config/CLIPImageProcessorOverrides.js';
import { parsePreprocessorConfigJson } from './config/parsePreprocessorConfigJson.js';
import { isImageProcessorFloat, toImageProcessorDict } from './config/toImageProcessorDict.js';
import { type ImageInput, LOAD_IMAGE_OPTION_KEYS, type LoadImageOptions } from './decode/ImageInput.js';
import { decodedToRgb, decodeImage } from './decode/loadImage.js';
import type { PixelBuffer } from './PixelBuffer.js';
import type { PixelValues } from './PixelValues.js';
import { resizePil } from './resize/resizePil.js';
import { centerCrop } from './transforms/centerCrop.js';
import { getResizeOutputSize } from './transforms/getResizeOutputSize.js';
import { toPixelValues } from './transforms/toPixelValues.js';

export const PREPROCESSOR_CONFIG_FILE = 'preprocessor_config.json';

/**
 * HF's `CLIPImageProcessor` (transformers v4.47.1): convert to RGB → PIL resize on uint8 → center crop →
 * rescale → normalize → CHW float32, giving HF's `pixel_values` value for value.
 */
export class CLIPImageProcessor {
  readonly config: CLIPImageProcessorConfig;
  private readonly file: string;
  /** The dict as loaded: keys HF does not know are written back by savePretrained, as HF does. */
  private readonly loaded: CLIPImageProcessorDict;

  constructor(dict: CLIPImageProcessorDict = {}, file = '<dict>') {
    this.config = parseCLIPImageProcessorConfig(dict, file);
    this.file = file;
    this.loaded = { ...dict };
  }

  /** HF's `to_dict()` (what `preprocessor_config.json` holds); `processorClass` as a processor's save sets it. */
  toDict(processorClass?: string): Record<string, unknown> {
    return toImageProcessorDict(this.config, this.loaded, processorClass);
  }

  /** HF's `to_json_string()`: `json.dumps(to_dict(), indent=2, sort_keys=True) + "\n"`, byte for byte. */
  toJsonString(processorClass?: string): string {
    return pythonJsonDumps(this.toDict(processorClass), { ensureAscii: true, isFloat: isImageProcessorFloat });
  }

  /** Writes `preprocessor_config.json` into `dir` (Node), as HF's `save_pretrained`; answers the paths written. */
  async savePretrained(dir: string, options: { processorClass?: string } = {}): Promise<string[]> {
    const problem = saveOptionsProblem(options, ['processorClass']);
    if (problem) throw new ProcessorInputError(`CLIPImageProcessor.savePretrained: ${problem.key}: ${problem.why}`);
    return writeModelFiles(dir, { [PREPROCESSOR_CONFIG_FILE]: this.toJsonString(options.processorClass) });
  }

  static fromDict(dict: CLIPImageProcessorDict, file?: string): CLIPImageProcessor {
    return new CLIPImageProcessor(dict, file);
  }

  /**
   * Reads `preprocessor_config.json` from a model folder (path in Node, URL anywhere), a hub id or ModelFiles
   * (`options`: the hub options, as HF's `from_pretrained` keywords).
   */
  static async fromPretrained(dir: string | URL | ModelFiles, options: ResolveOptions = {}): Promise<CLIPImageProcessor> {
    const problem = loadOptionsProblem(options, []);
    if (problem) throw new ProcessorInputError(`CLIPImageProcessor.fromPretrained: option '${problem.key}': ${problem.why}`);
    const files = await modelFilesFor(dir, options);
    if (files) return CLIPImageProcessor.fromModelFiles(files);
    if (typeof dir !== 'string' && !(dir instanceof URL)) throw new ProcessorConfigError(String(dir), 'expected a model folder, a URL, a hub id or ModelFiles');
    const file = joinModelPath(dir, PREPROCESSOR_CONFIG_FILE);
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(file);
    } catch (cause) {
      throw new ProcessorConfigError(file, `model folder has no readable ${PREPROCESSOR_CONFIG_FILE} (${(cause as Error).message})`, { cause });
    }
    return new CLIPImageProcessor(parsePreprocessorConfigJson(bytes, file), file);
  }

  static async fromModelFiles(files: ModelFiles): Promise<CLIPImageProcessor> {
    const file = `${files.name}/${PREPROCESSOR_CONFIG_FILE}`;
    const bytes = await readFileBytes(files, PREPROCESSOR_CONFIG_FILE);
    if (!bytes) throw new ProcessorConfigError(file, `model folder has no ${PREPROCESSOR_CONFIG_FILE}`);
    return new CLIPImageProcessor(parsePreprocessorConfigJson(bytes, file), file);
  }

  /** The uint8 stage HF hands to PIL and back: resize (if enabled) then center crop (if enabled). */
  resizeAndCrop(rgb: PixelBuffer, c: CLIPImageProcessorConfig = this.config): PixelBuffer {
    let image = rgb;
    if (c.doResize) {
      const [h, w] = getResizeOutputSize(image.height, image.width, c.size, this.file);
      image = resizePil(image, w, h, c.resample);
    }
    if (c.doCenterCrop) {
      if (!('height' in c.cropSize && 'width' in c.cropSize)) {
        throw new ProcessorConfigError(this.file, `crop_size must have 'height' and 'width', got {${Object.keys(c.cropSize).join(', ')}}`);
      }
      image = centerCrop(image, c.cropSize.height, c.cropSize.width);
    }
    return image;
  }

  /** One decoded RGB image → its `[3, H, W]` float32 pixel values. */
  preprocess(rgb: PixelBuffer, config: CLIPImageProcessorConfig = this.config): { data: Float32Array; dims: [number, number, number] } {
    this.checkChannels(rgb, config);
    const image = this.resizeAndCrop(rgb, config);
    return { data: toPixelValues(image, config), dims: [image.channels, image.height, image.width] };
  }

  /**
   * Decodes and preprocesses one image or a batch into `pixelValues` `[N, 3, H, W]`. `options` may override
   * any preprocessing setting for this call (HF's `preprocess(images, do_center_crop=False, …)`); unknown
   * options throw `ProcessorInputError` naming them.
   */
  async process(images: ImageInput | readonly ImageInput[], options: LoadImageOptions & CLIPImageProcessorOverrides = {}): Promise<{ pixelValues: PixelValues }> {
    checkImageOptions(options, 'CLIPImageProcessor.process');
    const config = applyImageProcessorOverrides(this.config, options);
    const list = Array.isArray(images) ? (images as readonly ImageInput[]) : [images as ImageInput];
    if (list.length === 0) throw new InvalidImageError('images: empty list');
    const rgb = await Promise.all(list.map((img) => this.loadRgb(img, options, config)));
    return { pixelValues: this.batch(rgb, config) };
  }

  /** Preprocesses already-decoded RGB images into one NCHW batch. */
  batch(images: readonly PixelBuffer[], config: CLIPImageProcessorConfig = this.config): PixelValues {
    const processed = images.map((img) => this.preprocess(img, config));
    const [c, h, w] = processed[0].dims;
    const size = c * h * w;
    const data = new Float32Array(size * processed.length);
    processed.forEach((p, i) => {
      if (p.dims[0] !== c || p.dims[1] !== h || p.dims[2] !== w) {
        throw new InvalidImageError(
          `images[${i}] is ${p.dims.join('x')} after preprocessing but images[0] is ${c}x${h}x${w}; a batch needs one size (enable do_center_crop or use a {height, width} size)`,
        );
      }
      data.set(p.data, i * size);
    });
    return { dtype: 'float32', dims: [processed.length, c, h, w], data };
  }

  private async loadRgb(input: ImageInput, options: LoadImageOptions, config: CLIPImageProcessorConfig): Promise<PixelBuffer> {
    const decoded = await decodeImage(input, options);
    // Without do_convert_rgb HF passes the image through as is, which only works for 3-channel images.
    if (!config.doConvertRgb && decoded.mode !== 'RGB') {
      throw new InvalidImageError(`image is mode ${decoded.mode}; with do_convert_rgb=false only RGB images can be processed (HF fails on them too)`);
    }
    return decodedToRgb(decoded, options);
  }

  private checkChannels(rgb: PixelBuffer, config: CLIPImageProcessorConfig): void {
    if (rgb.channels !== 3) throw new InvalidImageError(`expected a 3-channel RGB image, got ${rgb.channels} channels`);
    if (rgb.width === 0 || rgb.height === 0) throw new InvalidImageError(`zero-sized image (${rgb.width}x${rgb.height})`);
    for (const [name, v] of [['image_mean', config.imageMean], ['image_std', config.imageStd]] as const) {
      if (Array.isArray(v) && v.length !== 3) throw new ProcessorConfigError(this.file, `${name} must have 3 elements for RGB images, got ${v.length}`);
    }
  }
}

/** Refuses unknown keys (a typo or a snake_case key from plain JavaScript) and the HF options CLIP does not use. */
function checkImageOptions(options: object, where: string): void {
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined) continue;
    if (Object.hasOwn(REFUSED_IMAGE_OPTIONS, key)) throw new ProcessorInputError(`${where}: option '${key}' is not supported: ${REFUSED_IMAGE_OPTIONS[key]}`);
    if (key === 'returnTensors') {
      // HF's common `image_processor(images, return_tensors='pt')`: here there is only one output form.
      throw new ProcessorInputError(`${where}: option 'returnTensors' is not supported: pixelValues is always a float32 tensor [N, 3, H, W]; leave it out`);
    }
    if (!IMAGE_PROCESSOR_OVERRIDE_KEYS.includes(key) && !(LOAD_IMAGE_OPTION_KEYS as readonly string[]).includes(key)) {
      throw new ProcessorInputError(`${where}: unknown option '${key}' (accepted: ${[...IMAGE_PROCESSOR_OVERRIDE_KEYS, ...LOAD_IMAGE_OPTION_KEYS].join(', ')})`);
    }
  }
}
