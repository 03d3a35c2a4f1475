import { writeModelFiles } from '../io/writeModelFiles.js';
import { tokenizerSaveFiles } from './tokenizerSaveFiles.js';
import { Callable } from './Callable.js';
import { TokenizerArgumentError } from './TokenizerError.js';
import type { TokenizerConfig } from './TokenizerConfig.js';

export interface TokenizerLogger {
  warn(message: string): void;
}

export type PaddingOption = boolean | 'longest' | 'max_length' | 'do_not_pad';
export type TruncationOption = boolean | 'longest_first' | 'only_first' | 'only_second' | 'do_not_truncate';
export type TruncationStrategy = 'longest_first' | 'only_first' | 'only_second' | 'do_not_truncate';
type PaddingStrategy = 'longest' | 'max_length' | 'do_not_pad';

export interface EncodeOptions {
  /** Second sequence (`text_pair`). */
  textPair?: string | null;
  /** Add `<s> … </s>` (default true). */
  addSpecialTokens?: boolean;
  /** Default: no truncation, unless `maxLength` is given without padding (HF's legacy rule, with its warning). */
  truncation?: TruncationOption;
  maxLength?: number | null;
  padding?: PaddingOption;
  padToMultipleOf?: number | null;
  /** Default true (XLM-R's model inputs include the mask). */
  returnAttentionMask?: boolean;
  /** false silences HF's warnings for this call. */
  verbose?: boolean;
}

export interface CallOptions extends Omit<EncodeOptions, 'textPair'> {
  textPair?: string | readonly string[] | null;
  /** `'int64'`: `{dtype, dims, data: BigInt64Array}` tensors (HF `return_tensors='pt'`); needs equal lengths. */
  returnTensors?: 'int64' | null;
}

export interface DecodeOptions {
  skipSpecialTokens?: boolean;
  /** Default: the config's `clean_up_tokenization_spaces`. */
  cleanUpTokenizationSpaces?: boolean;
}

/** One sequence: plain JS numbers (ids < 2^53; cast to int64 for a model). */
export interface Encoding {
  inputIds: number[];
  attentionMask?: number[];
}

export interface BatchEncoding {
  inputIds: number[][];
  attentionMask?: number[][];
}

/** Structurally a `@altclip/core` int64 `Tensor`: `new Tensor(t.dtype, t.data, t.dims)`. */
export interface Int64Tensor {
  dtype: 'int64';
  dims: [number, number];
  data: BigInt64Array;
}

export interface TensorEncoding {
  inputIds: Int64Tensor;
  attentionMask?: Int64Tensor;
}

export type IdsLike = readonly number[] | ArrayLike<number> | ArrayLike<bigint>;

type CallArgs = [text: string | readonly string[], options?: CallOptions];
type CallResult = Encoding | BatchEncoding | TensorEncoding;

export interface PreTrainedTokenizerBase {
  (text: string, options?: CallOptions & { returnTensors?: null }): Encoding;
  (text: readonly string[], options?: CallOptions & { returnTensors?: null }): BatchEncoding;
  (text: string | readonly string[], options: CallOptions & { returnTensors: 'int64' }): TensorEncoding;
}

/**
 * The call API shared by the slow (`sentencepiece.bpe.model`) and fast (`tokenizer.json`) XLM-R
 * tokenizers, following transformers v4.47.1 `PreTrainedTokenizerBase`: padding/truncation
 * strategy resolution and its warnings, per-sequence truncation, special tokens, padding.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface adds the call signatures
export abstract class PreTrainedTokenizerBase extends Callable<CallArgs, CallResult> {
  /** Which file the tokenizer was built from. */
  abstract readonly source: 'sentencepiece.bpe.model' | 'tokenizer.json';
  /** The files `fromPretrained` read (raw bytes by name), which `savePretrained` writes back. */
  sourceFiles: ReadonlyMap<string, Uint8Array> = new Map();
  readonly config: TokenizerConfig;
  /** Where HF's `logger.warning`s go; replace to capture or silence them. */
  logger: TokenizerLogger = { warn: (m) => console.warn(m) };
  private readonly warnedOnce = new Set<string>();

  constructor(config: TokenizerConfig) {
    super();
    this.config = config;
  }

  /**
   * HF's `save_pretrained` (Node): `tokenizer_config.json`, `special_tokens_map.json` and the vocabulary file(s) this
   * tokenizer was loaded from (see tokenizerSaveFiles); answers the paths written.
   */
  async savePretrained(dir: string, options: { processorClass?: string } = {}): Promise<string[]> {
    return writeModelFiles(dir, tokenizerSaveFiles(this, options.processorClass));
  }

  get modelMaxLength(): number {
    return this.config.modelMaxLength;
  }

  abstract get padTokenId(): number | null;
  /** `len(tokenizer)`: vocabulary including added tokens. */
  abstract get length(): number;
  /** Tokens of `text` without special tokens (HF `tokenize`). */
  abstract tokenize(text: string): string[];
  convertTokensToIds(tokens: string): number;
  convertTokensToIds(tokens: readonly string[]): number[];
  convertTokensToIds(tokens: string | readonly string[]): number | number[] {
    return typeof tokens === 'string' ? this.convertTokenToId(tokens) : tokens.map((t) => this.convertTokenToId(t));
  }

  convertIdsToTokens(ids: number, skipSpecialTokens?: boolean): string;
  convertIdsToTokens(ids: IdsLike, skipSpecialTokens?: boolean): string[];
  convertIdsToTokens(ids: number | IdsLike, skipSpecialTokens = false): string | string[] {
    if (typeof ids === 'number') return this.idToToken(ids);
    const special = new Set(skipSpecialTokens ? this.allSpecialIds : []);
    return idsToNumbers(ids)
      .filter((id) => !special.has(id))
      .map((id) => this.idToToken(id));
  }

  /** One token → id, in the tokenizer's own vocabulary (unknown tokens → the unk id, as HF). */
  protected abstract convertTokenToId(token: string): number;
  /** One id → token; each tokenizer says what an out-of-range id does. */
  protected abstract idToToken(id: number): string;
  abstract decode(ids: IdsLike, options?: DecodeOptions): string;
  /** Ids of the special tokens (`all_special_ids`). */
  abstract get allSpecialIds(): number[];
  /** HF `vocab_size`: the base vocabulary without added tokens. */
  abstract get vocabSize(): number;
  /** HF `get_vocab()`: token → id, added tokens included. */
  abstract getVocab(): Record<string, number>;

  /** Ids of one text, no special tokens. */
  protected abstract textToIds(text: string): number[];
  protected abstract numSpecialTokensToAdd(pair: boolean): number;
  protected abstract buildInputsWithSpecialTokens(ids: number[], pairIds: number[] | null): number[];
  /** Removes tokens so that the sequences (without special tokens) fit `maxForSequences` / remove `numToRemove`. */
  protected abstract truncateSequences(
    ids: number[],
    pairIds: number[] | null,
    numToRemove: number,
    strategy: TruncationStrategy,
    maxForSequences: number,
  ): [number[], number[] | null];

  batchDecode(sequences: readonly IdsLike[], options?: DecodeOptions): string[] {
    return sequences.map((s) => this.decode(s, options));
  }

  /** HF `encode`: the input ids of one text (special tokens added by default). */
  encode(text: string, options: EncodeOptions = {}): number[] {
    return this.encodePlus(text, options).inputIds;
  }

  /** HF `encode_plus`. */
  encodePlus(text: string, options: EncodeOptions = {}): Encoding {
    checkText(text, 'text');
    const { padding, truncation, maxLength } = this.resolveStrategies(options);
    const ids = this.prepareForModel(text, options.textPair ?? null, options, truncation, maxLength);
    return this.padOne(ids, padding, maxLength, options);
  }

  /** HF `batch_encode_plus`. */
  batchEncodePlus(texts: readonly string[], options: CallOptions = {}): BatchEncoding {
    if (!Array.isArray(texts)) throw new TokenizerArgumentError('texts', 'expected an array of strings');
    texts.forEach((t, i) => {
      checkText(t, `texts[${i}]`);
    });
    const pairs = options.textPair;
    if (pairs !== undefined && pairs !== null && (!Array.isArray(pairs) || pairs.length !== texts.length)) {
      throw new TokenizerArgumentError('textPair', `expected an array of ${texts.length} strings to pair with the batch`);
    }
    const { padding, truncation, maxLength } = this.resolveStrategies(options);
    const seqs = texts.map((t, i) => this.prepareForModel(t, (pairs as readonly string[] | null | undefined)?.[i] ?? null, options, truncation, maxLength));
    let target = maxLength;
    if (padding === 'longest') target = Math.max(0, ...seqs.map((s) => s.length));
    const encs = seqs.map((s) => this.padOne(s, padding === 'longest' ? 'max_length' : padding, target, options));
    const out: BatchEncoding = { inputIds: encs.map((e) => e.inputIds) };
    if (options.returnAttentionMask !== false) out.attentionMask = encs.map((e) => e.attentionMask!);
    return out;
  }

  protected invoke(text: string | readonly string[], options: CallOptions = {}): CallResult {
    const batched = Array.isArray(text);
    let result: Encoding | BatchEncoding;
    if (batched) {
      result = this.batchEncodePlus(text as readonly string[], options);
    } else {
      if (Array.isArray(options.textPair)) throw new TokenizerArgumentError('textPair', 'must be a string when text is a string');
      result = this.encodePlus(text as string, { ...options, textPair: (options.textPair as string | null | undefined) ?? null });
    }
    if (options.returnTensors === 'int64') {
      const rows = batched ? (result as BatchEncoding) : { inputIds: [(result as Encoding).inputIds], attentionMask: (result as Encoding).attentionMask && [(result as Encoding).attentionMask!] };
      const t: TensorEncoding = { inputIds: toInt64(rows.inputIds) };
      if (rows.attentionMask) t.attentionMask = toInt64(rows.attentionMask);
      return t;
    }
    if (options.returnTensors !== undefined && options.returnTensors !== null) {
      throw new TokenizerArgumentError('returnTensors', `expected 'int64' or null, got ${JSON.stringify(options.returnTensors)}`);
    }
    return result;
  }

  /** HF `logger.warning` guarded by `deprecation_warnings` (once per tokenizer). */
  protected warnOnce(key: string, message: string): void {
    if (this.warnedOnce.has(key)) return;
    this.warnedOnce.add(key);
    this.logger.warn(message);
  }

  private resolveStrategies(options: Omit<EncodeOptions, 'textPair'>): { padding: PaddingStrategy; truncation: TruncationStrategy; maxLength: number | null } {
    const verbose = options.verbose !== false;
    let maxLength = options.maxLength ?? null;
    if (maxLength !== null && (!Number.isInteger(maxLength) || maxLength < 0)) {
      throw new TokenizerArgumentError('maxLength', `expected a non-negative integer, got ${maxLength}`);
    }
    let truncationOpt = options.truncation;
    const paddingOpt = options.padding ?? false;
    if (maxLength !== null && paddingOpt === false && truncationOpt === undefined) {
      if (verbose) {
        this.warnOnce(
          'Truncation-not-explicitly-activated',
          'Truncation was not explicitly activated but `max_length` is provided a specific value, please use `truncation=True` to explicitly truncate examples to max length. Defaulting to \'longest_first\' truncation strategy. If you encode pairs of sequences (GLUE-style) with the tokenizer you can select this strategy more precisely by providing a specific strategy to `truncation`.',
        );
      }
      truncationOpt = 'longest_first';
    }
    let padding: PaddingStrategy;
    if (paddingOpt === true) {
      if (verbose && maxLength !== null && (truncationOpt === undefined || truncationOpt === false || truncationOpt === 'do_not_truncate')) {
        // Python's `warnings.warn` shows this once per call site.
        this.warnOnce('max_length-ignored', '`max_length` is ignored when `padding`=`True` and there is no truncation strategy. To pad to max length, use `padding=\'max_length\'`.');
      }
      padding = 'longest';
    } else if (paddingOpt === false) padding = 'do_not_pad';
    else if (paddingOpt === 'longest' || paddingOpt === 'max_length' || paddingOpt === 'do_not_pad') padding = paddingOpt;
    else throw new TokenizerArgumentError('padding', `expected true, false, 'longest', 'max_length' or 'do_not_pad', got ${JSON.stringify(paddingOpt)}`);

    let truncation: TruncationStrategy;
    if (truncationOpt === undefined || truncationOpt === false) truncation = 'do_not_truncate';
    else if (truncationOpt === true) truncation = 'longest_first';
    else if (['longest_first', 'only_first', 'only_second', 'do_not_truncate'].includes(truncationOpt)) truncation = truncationOpt;
    else throw new TokenizerArgumentError('truncation', `expected a boolean or a truncation strategy, got ${JSON.stringify(truncationOpt)}`);

    const large = this.modelMaxLength > 1e29;
    if (maxLength === null) {
      if (padding === 'max_length') {
        if (large) {
          if (verbose) this.warnOnce('Asking-to-pad-to-max_length', 'Asking to pad to max_length but no maximum length is provided and the model has no predefined maximum length. Default to no padding.');
          padding = 'do_not_pad';
        } else maxLength = this.modelMaxLength;
      }
      if (truncation !== 'do_not_truncate') {
        if (large) {
          if (verbose) this.warnOnce('Asking-to-truncate-to-max_length', 'Asking to truncate to max_length but no maximum length is provided and the model has no predefined maximum length. Default to no truncation.');
          truncation = 'do_not_truncate';
        } else maxLength = this.modelMaxLength;
      }
    }
    if (padding !== 'do_not_pad' && this.padTokenId === null) {
      throw new TokenizerArgumentError('padding', 'the tokenizer has no padding token');
    }
    const m = options.padToMultipleOf ?? null;
    if (truncation !== 'do_not_truncate' && padding !== 'do_not_pad' && m !== null && maxLength !== null && maxLength % m !== 0) {
      throw new TokenizerArgumentError('padToMultipleOf', `truncation and padding are both activated but truncation length (${maxLength}) is not a multiple of padToMultipleOf (${m})`);
    }
    return { padding, truncation, maxLength };
  }

  private prepareForModel(text: string, pair: string | null, options: Omit<EncodeOptions, 'textPair'>, truncation: TruncationStrategy, maxLength: number | null): number[] {
    const addSpecial = options.addSpecialTokens !== false;
    let ids = this.textToIds(text);
    let pairIds = pair === null ? null : this.textToIds(pair);
    const specials = addSpecial ? this.numSpecialTokensToAdd(pairIds !== null) : 0;
    const total = ids.length + (pairIds?.length ?? 0) + specials;
    if (truncation !== 'do_not_truncate' && maxLength && total > maxLength) {
      [ids, pairIds] = this.truncateSequences(ids, pairIds, total - maxLength, truncation, maxLength - specials);
    }
    const seq = addSpecial ? this.buildInputsWithSpecialTokens(ids, pairIds) : pairIds ? [...ids, ...pairIds] : ids;
    if (maxLength === null && seq.length > this.modelMaxLength && options.verbose !== false) {
      this.warnOnce(
        'sequence-length-is-longer-than-the-specified-maximum',
        `Token indices sequence length is longer than the specified maximum sequence length for this model (${seq.length} > ${this.modelMaxLength}). Running this sequence through the model will result in indexing errors`,
      );
    }
    return seq;
  }

  private padOne(ids: number[], padding: PaddingStrategy, maxLength: number | null, options: Omit<EncodeOptions, 'textPair'>): Encoding {
    const wantMask = options.returnAttentionMask !== false;
    let target = padding === 'longest' ? ids.length : maxLength;
    const m = options.padToMultipleOf ?? null;
    if (target !== null && m !== null && m > 0 && target % m !== 0) target = (Math.floor(target / m) + 1) * m;
    const mask = ids.map(() => 1);
    if (padding !== 'do_not_pad' && target !== null && ids.length < target) {
      const n = target - ids.length;
      const pad = new Array<number>(n).fill(this.padTokenId as number);
      const zeros = new Array<number>(n).fill(0);
      if (this.config.paddingSide === 'left') return withMask([...pad, ...ids], [...zeros, ...mask], wantMask);
      return withMask([...ids, ...pad], [...mask, ...zeros], wantMask);
    }
    return withMask(ids, mask, wantMask);
  }
}

function withMask(inputIds: number[], attentionMask: number[], wantMask: boolean): Encoding {
  return wantMask ? { inputIds, attentionMask } : { inputIds };
}

function checkText(text: unknown, name: string): void {
  if (typeof text !== 'string') throw new TokenizerArgumentError(name, `expected a string, got ${text === null ? 'null' : typeof text}`);
}

function toInt64(rows: number[][]): Int64Tensor {
  const len = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== len)) {
    throw new TokenizerArgumentError('returnTensors', 'sequences have different lengths; activate padding (and/or truncation) to build a tensor');
  }
  const data = new BigInt64Array(rows.length * len);
  for (let i = 0; i < rows.length; i++) for (let j = 0; j < len; j++) data[i * len + j] = BigInt(rows[i][j]);
  return { dtype: 'int64', dims: [rows.length, len], data };
}

/** Converts any id container (number[], Int32Array, BigInt64Array …) to plain numbers. */
export function idsToNumbers(ids: IdsLike): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) out.push(Number((ids as ArrayLike<number | bigint>)[i]));
  return out;
}
