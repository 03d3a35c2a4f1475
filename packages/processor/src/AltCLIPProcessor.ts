import { type ModelFiles, readFileBytes } from '@altclip/hub';
import { ProcessorConfigError } from './errors/ProcessorConfigError.js';
import { ProcessorInputError } from './errors/ProcessorInputError.js';
import { CLIPImageProcessor, PREPROCESSOR_CONFIG_FILE } from './image/CLIPImageProcessor.js';
import { applyImageProcessorOverrides, type CLIPImageProcessorOverrides, IMAGE_PROCESSOR_OVERRIDE_KEYS, REFUSED_IMAGE_OPTIONS } from './image/config/CLIPImageProcessorOverrides.js';
import { parsePreprocessorConfigJson } from './image/config/parsePreprocessorConfigJson.js';
import { type ImageInput, LOAD_IMAGE_OPTION_KEYS, type LoadImageOptions } from './image/decode/ImageInput.js';
import type { PixelValues } from './image/PixelValues.js';
import { loadOptionsProblem } from './io/loadOptionsProblem.js';
import { modelFilesFor } from './io/modelFilesFor.js';
import { saveOptionsProblem } from './io/saveOptionsProblem.js';
import { writeModelFiles } from './io/writeModelFiles.js';
import { Callable } from './tokenizer/Callable.js';
import { CALL_OPTION_KEYS, checkCallOptions } from './tokenizer/callOptionKeys.js';
import { openSource } from './tokenizer/files/TokenizerFiles.js';
import {
  type BatchEncoding,
  type CallOptions,
  type DecodeOptions,
  type Encoding,
  type IdsLike,
  type LoadTokenizerOptions,
  loadTokenizer,
  type PreTrainedTokenizerBase,
  SENTENCEPIECE_FILE,
  type TensorEncoding,
  TOKENIZER_JSON_FILE,
} from './tokenizer/index.js';
import { addedTokensFile } from './tokenizer/tokenizerSaveFiles.js';

/** Reads one file of a model folder by name; null when the folder has no such file. */
export type ModelFileReader = (filename: string) => Promise<Uint8Array | null>;

const TOKENIZER_EXTRAS = ['tokenizer_config.json', 'special_tokens_map.json'];

/**
 * Arguments of `processor({...})`: HF's `AltCLIPProcessor.__call__` keywords in camelCase. Tokenizer options go to
 * the tokenizer, image options (`doCenterCrop`, `size`, …) to the image processor, as HF's `_merge_kwargs` routes
 * them; anything else throws `ProcessorInputError` naming it.
 */
export interface AltCLIPProcessorCall extends LoadImageOptions, Omit<CLIPImageProcessorOverrides, 'doConvertRgb'>, CallOptions {
  readonly text?: string | readonly string[];
  readonly images?: ImageInput | readonly ImageInput[];
}

/**
 * Text only → `{inputIds, attentionMask}` (the tokenizer's integer layout: `number[]`/`number[][]`, or int64
 * tensors with `returnTensors: 'int64'`); images only → `{pixelValues}`; both → all three.
 */
export interface AltCLIPProcessorOutput {
  inputIds?: Encoding['inputIds'] | BatchEncoding['inputIds'] | TensorEncoding['inputIds'];
  attentionMask?: Encoding['attentionMask'] | BatchEncoding['attentionMask'] | TensorEncoding['attentionMask'];
  tokenTypeIds?: Encoding['tokenTypeIds'] | BatchEncoding['tokenTypeIds'] | TensorEncoding['tokenTypeIds'];
  specialTokensMask?: Encoding['specialTokensMask'] | BatchEncoding['specialTokensMask'] | TensorEncoding['specialTokensMask'];
  offsetMapping?: Encoding['offsetMapping'] | BatchEncoding['offsetMapping'] | TensorEncoding['offsetMapping'];
  length?: Encoding['length'] | BatchEncoding['length'] | TensorEncoding['length'];
  pixelValues?: PixelValues;
}

const PROCESSOR_REFUSED: Readonly<Record<string, string>> = {
  ...REFUSED_IMAGE_OPTIONS,
  doConvertRgb:
    "HF's AltCLIPProcessor does not pass do_convert_rgb to the image processor (it warns and ignores it); call processor.imageProcessor.process(images, { doConvertRgb }) instead",
  audio: 'AltCLIP has no audio input',
  videos: 'AltCLIP has no video input',
};
const IMAGE_KEYS = new Set<string>([...IMAGE_PROCESSOR_OVERRIDE_KEYS.filter((k) => k !== 'doConvertRgb'), ...LOAD_IMAGE_OPTION_KEYS]);

/**
 * What a call returns for the arguments given, so the result feeds `model.forward` without a cast:
 * a batch of texts gives `number[][]` (or int64 tensors with `returnTensors: 'int64'`), one text
 * `number[]`, and images give `pixelValues`.
 */
export type AltCLIPProcessorResult<C extends AltCLIPProcessorCall> = (C['text'] extends string | readonly string[]
  ? C['returnTensors'] extends 'int64'
    ? TensorEncoding
    : C['text'] extends string
      ? Encoding
      : BatchEncoding
  : unknown) &
  (C['images'] extends undefined ? unknown : { pixelValues: PixelValues });

// Merged with the class below so instances are callable.
export interface AltCLIPProcessor {
  // biome-ignore lint/style/useShorthandFunctionType: an interface (not a type alias) is needed to merge with the class
  <const C extends AltCLIPProcessorCall>(args: C): Promise<AltCLIPProcessorResult<C>>;
}

/**
 * HF's `AltCLIPProcessor` (transformers v4.47.1): an XLM-R tokenizer for text plus a `CLIPImageProcessor`
 * for images, called like Python's: `await processor({ text, images, padding: true })`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above
export class AltCLIPProcessor extends Callable<[AltCLIPProcessorCall], Promise<AltCLIPProcessorOutput>> {
  readonly imageProcessor: CLIPImageProcessor;
  readonly tokenizer: PreTrainedTokenizerBase;
  /** Reads more files of the folder this was loaded from (savePretrained fetches the SentencePiece model lazily). */
  #readSource: ModelFileReader | undefined;

  constructor(imageProcessor: CLIPImageProcessor, tokenizer: PreTrainedTokenizerBase) {
    super();
    this.imageProcessor = imageProcessor;
    this.tokenizer = tokenizer;
  }

  /**
   * Loads `preprocessor_config.json` and the tokenizer from a model folder (a path in Node, a URL anywhere), a hub
   * id ('BAAI/AltCLIP': HF's cache through @altclip/hub, with `revision`, `cacheDir`, `localFilesOnly`, `token`,
   * `onProgress`, …) or ModelFiles. `prefer` picks `tokenizer.json` (`'fast'`, default, like HF) or
   * `sentencepiece.bpe.model` (`'slow'`).
   */
  static async fromPretrained(dir: string | URL | ModelFiles, options: LoadTokenizerOptions = {}): Promise<AltCLIPProcessor> {
    const problem = loadOptionsProblem(options, ['prefer']);
    if (problem) throw new ProcessorInputError(`AltCLIPProcessor.fromPretrained: option '${problem.key}': ${problem.why}`);
    const files = await modelFilesFor(dir, options);
    if (files) return AltCLIPProcessor.fromFiles((file) => readFileBytes(files, file), { prefer: options.prefer, name: files.name });
    if (typeof dir !== 'string' && !(dir instanceof URL)) throw new ProcessorConfigError(String(dir), 'expected a model folder, a URL, a hub id or ModelFiles');
    // One after the other so a folder missing both reports the processor config first, deterministically.
    const imageProcessor = await CLIPImageProcessor.fromPretrained(dir);
    const processor = new AltCLIPProcessor(imageProcessor, await loadTokenizer(dir, options));
    const folder = openSource(dir);
    processor.#readSource = (name) => folder.read(name);
    return processor;
  }

  /**
   * From files that are neither a path nor a URL: a folder a user picked in a browser, a hub cache read
   * through `@altclip/core`'s ModelFiles, bytes an app fetched itself. Only the tokenizer file `prefer`
   * selects is read (the other one can be megabytes), falling back to the other when it is missing.
   */
  static async fromFiles(read: ModelFileReader, options: LoadTokenizerOptions & { name?: string } = {}): Promise<AltCLIPProcessor> {
    // No hub here: its options would do nothing, so only prefer and name are accepted.
    const stray = Object.entries(options ?? {}).find(([k, v]) => v !== undefined && k !== 'prefer' && k !== 'name');
    if (stray) throw new ProcessorInputError(`AltCLIPProcessor.fromFiles: option '${stray[0]}' is not supported (accepted: prefer, name; hub options belong to fromPretrained)`);
    const name = options.name ?? '<files>';
    const configFile = `${name}/${PREPROCESSOR_CONFIG_FILE}`;
    const configBytes = await read(PREPROCESSOR_CONFIG_FILE);
    if (!configBytes) throw new ProcessorConfigError(configFile, `model folder has no ${PREPROCESSOR_CONFIG_FILE}`);
    const dict = parsePreprocessorConfigJson(configBytes, configFile);
    const files: Record<string, Uint8Array> = {};
    const order = options.prefer === 'slow' ? [SENTENCEPIECE_FILE, TOKENIZER_JSON_FILE] : [TOKENIZER_JSON_FILE, SENTENCEPIECE_FILE];
    for (const file of order) {
      const bytes = await read(file);
      if (bytes) {
        files[file] = bytes;
        break;
      }
    }
    for (const file of TOKENIZER_EXTRAS) {
      const bytes = await read(file);
      if (bytes) files[file] = bytes;
    }
    const tokenizer = await loadTokenizer({ files }, { prefer: options.prefer });
    const processor = new AltCLIPProcessor(CLIPImageProcessor.fromDict(dict, configFile), tokenizer);
    processor.#readSource = read;
    return processor;
  }

  /**
   * HF's `save_pretrained` (Node): `preprocessor_config.json` and the tokenizer's files (`tokenizer_config.json`,
   * `special_tokens_map.json`, its vocabulary file, and for a fast tokenizer also `sentencepiece.bpe.model` when the
   * source folder has it, as HF), each with `processor_class: "AltCLIPProcessor"` as HF writes it. Answers the paths.
   */
  async savePretrained(dir: string, ...rest: unknown[]): Promise<string[]> {
    const problem = saveOptionsProblem(rest[0], []) ?? (rest.length > 1 ? { key: 'arguments', why: 'savePretrained takes the folder and nothing else' } : null);
    if (problem) throw new ProcessorInputError(`AltCLIPProcessor.savePretrained: ${problem.key}: ${problem.why}`);
    const processorClass = 'AltCLIPProcessor';
    const written = [...(await this.imageProcessor.savePretrained(dir, { processorClass })), ...(await this.tokenizer.savePretrained(dir, { processorClass }))];
    // HF's fast tokenizer also saves the slow one's vocabulary when it has it (can_save_slow_tokenizer); ours read
    // only tokenizer.json, so the SentencePiece model is read from the source folder now, if it has one.
    if (this.tokenizer.source === TOKENIZER_JSON_FILE && !this.tokenizer.sourceFiles.has(SENTENCEPIECE_FILE)) {
      const model = await this.#readSource?.(SENTENCEPIECE_FILE);
      if (model) written.push(...(await writeModelFiles(dir, { [SENTENCEPIECE_FILE]: model, ...addedTokensFile(this.tokenizer) })));
    }
    return written;
  }

  protected async invoke(args: AltCLIPProcessorCall): Promise<AltCLIPProcessorOutput> {
    const { text, images, ...options } = args ?? {};
    if (text === undefined && images === undefined) {
      throw new ProcessorInputError('AltCLIPProcessor: you must specify either text or images');
    }
    // Route every keyword as HF's _merge_kwargs does; what neither side knows is refused, not dropped.
    const textOptions: Record<string, unknown> = {};
    const imageOptions: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      if (value === undefined) continue;
      if (Object.hasOwn(PROCESSOR_REFUSED, key)) throw new ProcessorInputError(`AltCLIPProcessor: option '${key}' is not supported: ${PROCESSOR_REFUSED[key]}`);
      if (IMAGE_KEYS.has(key)) imageOptions[key] = value;
      else if (CALL_OPTION_KEYS.includes(key)) textOptions[key] = value;
      else {
        const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        const hint = camel !== key && (IMAGE_KEYS.has(camel) || CALL_OPTION_KEYS.includes(camel)) ? ` (options are camelCase here: '${camel}')` : '';
        throw new ProcessorInputError(`AltCLIPProcessor: unknown option '${key}'${hint}`);
      }
    }
    // Checked even without text (and image options without images), so a bad option never passes unnoticed.
    checkCallOptions(textOptions);
    if (images === undefined) applyImageProcessorOverrides(this.imageProcessor.config, imageOptions as CLIPImageProcessorOverrides);
    const out: AltCLIPProcessorOutput = {};
    if (text !== undefined) {
      // One call path for every overload: the tokenizer decides the result shape from `text` and `returnTensors`.
      const call = this.tokenizer as unknown as (t: string | readonly string[], o: CallOptions) => Encoding | BatchEncoding | TensorEncoding;
      // HF returns the tokenizer's whole BatchEncoding (token type ids, special tokens mask, length when asked for).
      Object.assign(out, call(text, textOptions as CallOptions));
    }
    if (images !== undefined) {
      out.pixelValues = (await this.imageProcessor.process(images, imageOptions)).pixelValues;
    }
    return out;
  }

  decode(ids: IdsLike, options?: DecodeOptions): string {
    return this.tokenizer.decode(ids, options);
  }

  batchDecode(sequences: readonly IdsLike[], options?: DecodeOptions): string[] {
    return this.tokenizer.batchDecode(sequences, options);
  }
}
