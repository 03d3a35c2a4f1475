import { saveOptionsProblem } from '../io/saveOptionsProblem.js';
import { writeModelFiles } from '../io/writeModelFiles.js';
import { Callable } from './Callable.js';
import { checkCallOptions } from './callOptionKeys.js';
import { type AddedTokenSpec, SPECIAL_TOKEN_NAMES, type SpecialTokenName, type TokenizerConfig } from './TokenizerConfig.js';
import { TokenizerArgumentError } from './TokenizerError.js';
import { tokenizerSaveFiles } from './tokenizerSaveFiles.js';

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
  /** `token_type_ids` (all 0 for XLM-R). Default: not returned, as XLM-R's model inputs do not list them. */
  returnTokenTypeIds?: boolean | null;
  /** 1 where the tokenizer added a special token (`<s>`, `</s>`), 0 for the text's own tokens, 1 for padding. */
  returnSpecialTokensMask?: boolean;
  /**
   * `offsetMapping`: per token, [start, end) of the text it came from, in its own sequence's string (special tokens
   * and padding [0, 0]) — fast tokenizer only (HF's slow tokenizers raise NotImplementedError, so does this one).
   */
  returnOffsetsMapping?: boolean;
  /**
   * What the offsets count (only with `returnOffsetsMapping`): `'utf16'` (default) JS string indices, so that
   * `text.slice(start, end)` is the token's text; `'codePoint'` Unicode code points, the numbers HF's Python (and
   * the `tokenizers` npm binding) return. The two differ only after characters outside the BMP (emoji, …).
   */
  offsetsUnit?: 'utf16' | 'codePoint' | null;
  /** `length`: tokens per sequence (HF: after padding for one text and for the fast tokenizer, before padding for a slow batch). */
  returnLength?: boolean;
  /** Overrides `tokenizer.paddingSide` for this call (HF's `padding_side` keyword). */
  paddingSide?: 'left' | 'right' | null;
  /** Overrides `tokenizer.truncationSide` for this call (HF only has the attribute; this equals setting it for one call). */
  truncationSide?: 'left' | 'right' | null;
  /** false silences HF's warnings for this call. */
  verbose?: boolean;
  /** Accepted only at HF's defaults (0, false, null): the features behind them are not implemented. */
  stride?: number;
  isSplitIntoWords?: boolean;
  returnOverflowingTokens?: boolean;
  textTarget?: null;
  textPairTarget?: null;
}

export interface CallOptions extends Omit<EncodeOptions, 'textPair'> {
  textPair?: string | readonly string[] | null;
  /** `'int64'`: `{dtype, dims, data: BigInt64Array}` tensors (HF `return_tensors='pt'`); needs equal lengths. */
  returnTensors?: 'int64' | null;
}

export interface DecodeOptions {
  skipSpecialTokens?: boolean;
  /** Only HF's default (true) is implemented; false is refused. */
  spacesBetweenSpecialTokens?: true;
  /** Default: the config's `clean_up_tokenization_spaces`. */
  cleanUpTokenizationSpaces?: boolean;
}

/** One sequence: plain JS numbers (ids < 2^53; cast to int64 for a model). */
export interface Encoding {
  inputIds: number[];
  attentionMask?: number[];
  tokenTypeIds?: number[];
  specialTokensMask?: number[];
  offsetMapping?: Array<[number, number]>;
  length?: number;
}

export interface BatchEncoding {
  inputIds: number[][];
  attentionMask?: number[][];
  tokenTypeIds?: number[][];
  specialTokensMask?: number[][];
  offsetMapping?: Array<[number, number]>[];
  length?: number[];
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
  tokenTypeIds?: Int64Tensor;
  specialTokensMask?: Int64Tensor;
  /** [batch, length, 2] (start, end) pairs. */
  offsetMapping?: { dtype: 'int64'; dims: [number, number, 2]; data: BigInt64Array };
  /** [batch] lengths. */
  length?: { dtype: 'int64'; dims: [number]; data: BigInt64Array };
}

/** One sequence before padding: ids and the parallel per-token arrays HF pads with them. */
interface Prepared {
  ids: number[];
  typeIds: number[];
  specialMask: number[];
  /** Only when offsets were asked for. */
  offsets?: Array<[number, number]>;
}

/** Ids of one text with each token's [start, end) in it (UTF-16 units). */
export interface IdsWithOffsets {
  ids: number[];
  offsets: Array<[number, number]>;
}

type Side = 'left' | 'right';

export type IdsLike = readonly number[] | ArrayLike<number> | ArrayLike<bigint>;

/** HF's `AddedToken(content, …)`; absent flags take HF's defaults (`normalized` = not special). */
export interface AddedTokenInit {
  content: string;
  lstrip?: boolean;
  rstrip?: boolean;
  singleWord?: boolean;
  normalized?: boolean;
  special?: boolean;
}

/** `add_special_tokens`' dict: HF's attribute names (snake_case as in Python, or camelCase). */
export type SpecialTokensDict = Partial<Record<SpecialTokenName | 'additional_special_tokens', string | AddedTokenInit | readonly (string | AddedTokenInit)[]>> &
  Partial<Record<'bosToken' | 'eosToken' | 'unkToken' | 'sepToken' | 'padToken' | 'clsToken' | 'maskToken' | 'additionalSpecialTokens', string | AddedTokenInit | readonly (string | AddedTokenInit)[]>>;

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
  /** Set by addTokens / addSpecialTokens: savePretrained then writes the current tokens instead of the loaded files. */
  tokensChangedSinceLoad = false;

  constructor(config: TokenizerConfig) {
    super();
    this.config = config;
  }

  /**
   * HF's `save_pretrained` (Node): `tokenizer_config.json`, `special_tokens_map.json` and the vocabulary file(s) this
   * tokenizer was loaded from (see tokenizerSaveFiles); answers the paths written.
   */
  async savePretrained(dir: string, options: { processorClass?: string } = {}): Promise<string[]> {
    const problem = saveOptionsProblem(options, ['processorClass']);
    if (problem) throw new TokenizerArgumentError(problem.key, problem.why);
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
  /** Ids and offsets of one text, no special tokens; null where offsets cannot be computed (`offsetsRefusal` says why). */
  protected textToIdsWithOffsets(_text: string): IdsWithOffsets | null {
    return null;
  }

  /** Why `returnOffsetsMapping` is refused by this tokenizer, or null when it is supported. */
  protected offsetsRefusal(): string | null {
    return 'return_offset_mapping is not available when using Python tokenizers (HF raises NotImplementedError); load tokenizer.json (the fast tokenizer)';
  }

  /** The offsets of `buildInputsWithSpecialTokens`' output: [0, 0] for each added special token. */
  protected buildOffsetsWithSpecialTokens(offsets: Array<[number, number]>, pairOffsets: Array<[number, number]> | null): Array<[number, number]> {
    return pairOffsets ? offsets.concat(pairOffsets) : offsets;
  }
  protected abstract numSpecialTokensToAdd(pair: boolean): number;
  protected abstract buildInputsWithSpecialTokens(ids: number[], pairIds: number[] | null): number[];
  /** 1 for each special token `buildInputsWithSpecialTokens` adds, 0 for the sequences' own tokens. */
  protected abstract addedSpecialTokensMask(ids: number[], pairIds: number[] | null): number[];
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

  /**
   * HF `add_tokens`: adds tokens that are never split (a string, or `AddedTokenInit` with HF's flags); returns how
   * many were new to the vocabulary. `specialTokens` marks them special (skipped by `decode(…, {skipSpecialTokens})`).
   */
  addTokens(tokens: string | AddedTokenInit | readonly (string | AddedTokenInit)[], specialTokens = false): number {
    const list = (Array.isArray(tokens) ? tokens : [tokens]) as readonly (string | AddedTokenInit)[];
    const checked = list.map((t, i) => checkAddedToken(t, `tokens[${i}]`));
    this.tokensChangedSinceLoad = true;
    return this.addTokensToVocabulary(checked, specialTokens === true);
  }

  /**
   * HF `add_special_tokens({cls_token: …, additional_special_tokens: […]})`: sets the named special tokens (a string
   * becomes `AddedToken(rstrip=False, lstrip=False, normalized=False, special=True)`), replaces (or, with
   * `replaceAdditionalSpecialTokens: false`, extends) the additional special tokens, adds them all; returns how many
   * were new to the vocabulary.
   */
  addSpecialTokens(tokens: SpecialTokensDict, replaceAdditionalSpecialTokens = true): number {
    if (typeof tokens !== 'object' || tokens === null || Array.isArray(tokens)) throw new TokenizerArgumentError('specialTokens', 'expected an object such as { cls_token: "<s>" }');
    const asSpec = (t: string | AddedTokenInit, field: string): AddedTokenSpec =>
      typeof t === 'string' ? { content: t, lstrip: false, rstrip: false, singleWord: false, normalized: false, special: true } : (checkAddedToken(t, field) as AddedTokenSpec);
    const toAdd: AddedTokenSpec[] = [];
    for (const [rawKey, value] of Object.entries(tokens)) {
      if (value === undefined) continue;
      const key = rawKey.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
      if (key === 'additional_special_tokens') {
        if (!Array.isArray(value)) throw new TokenizerArgumentError(rawKey, 'expected a list of tokens');
        const current = new Set(this.config.additionalSpecialTokens.map((t) => t.content));
        const list = (value as (string | AddedTokenInit)[]).map((t, i) => asSpec(t, `${rawKey}[${i}]`)).filter((t) => replaceAdditionalSpecialTokens || !current.has(t.content));
        if (replaceAdditionalSpecialTokens && list.length > 0) this.config.additionalSpecialTokens = [...list];
        else this.config.additionalSpecialTokens.push(...list);
        toAdd.push(...list);
      } else if ((SPECIAL_TOKEN_NAMES as readonly string[]).includes(key)) {
        if (Array.isArray(value)) throw new TokenizerArgumentError(rawKey, 'expected one token (a string or an AddedTokenInit)');
        const spec = asSpec(value as string | AddedTokenInit, rawKey);
        this.config.specialTokens[key as SpecialTokenName] = spec;
        if (!toAdd.some((t) => t.content === spec.content)) toAdd.push(spec);
      } else {
        throw new TokenizerArgumentError(rawKey, `not a special token attribute (expected one of ${[...SPECIAL_TOKEN_NAMES, 'additional_special_tokens'].join(', ')})`);
      }
    }
    this.tokensChangedSinceLoad = true;
    return this.addTokensToVocabulary(toAdd, true);
  }

  /** HF `added_tokens_decoder`: every added token (special ones included) by id, with its flags. */
  abstract get addedTokensDecoder(): Map<number, AddedTokenSpec>;

  /** HF `all_special_tokens`: the special token attributes, then the additional ones, without repeats. */
  get allSpecialTokens(): string[] {
    const toks = [...SPECIAL_TOKEN_NAMES.map((k) => this.config.specialTokens[k]?.content).filter((t): t is string => !!t), ...this.config.additionalSpecialTokens.map((t) => t.content)];
    return [...new Set(toks)];
  }

  /** Each tokenizer's `_add_tokens`: how ids are assigned and flags defaulted differs between slow and fast. */
  protected abstract addTokensToVocabulary(tokens: readonly (string | AddedTokenSpec)[], special: boolean): number;

  /** HF `padding_side` attribute ('right' unless tokenizer_config.json says otherwise). */
  get paddingSide(): Side {
    return this.config.paddingSide;
  }

  set paddingSide(side: Side) {
    checkCallOptions({ paddingSide: side });
    this.config.paddingSide = side;
  }

  /** HF `truncation_side` attribute. */
  get truncationSide(): Side {
    return this.config.truncationSide;
  }

  set truncationSide(side: Side) {
    checkCallOptions({ truncationSide: side });
    this.config.truncationSide = side;
  }

  /** The side truncation cuts from in the current call (the per-call option, else the attribute). */
  protected get currentTruncationSide(): Side {
    return this.callTruncationSide ?? this.config.truncationSide;
  }

  private callTruncationSide: Side | null = null;

  /** HF `build_inputs_with_special_tokens`: `<s> A </s>` or `<s> A </s></s> B </s>`. */
  buildInputs(ids: readonly number[], pairIds: readonly number[] | null = null): number[] {
    return this.buildInputsWithSpecialTokens([...ids], pairIds && [...pairIds]);
  }

  /** HF `create_token_type_ids_from_sequences`: XLM-R does not use token types, so all zeros. */
  createTokenTypeIdsFromSequences(ids: readonly number[], pairIds: readonly number[] | null = null): number[] {
    return new Array<number>(this.buildInputs(ids, pairIds).length).fill(0);
  }

  /**
   * HF `get_special_tokens_mask`. With `alreadyHasSpecialTokens`, 1 for every id among `allSpecialIds`
   * (a second sequence is refused, as HF does); without, 1 where special tokens would be added.
   */
  getSpecialTokensMask(ids: readonly number[], pairIds: readonly number[] | null = null, alreadyHasSpecialTokens = false): number[] {
    if (alreadyHasSpecialTokens) {
      if (pairIds !== null && pairIds !== undefined) {
        throw new TokenizerArgumentError('pairIds', 'You should not supply a second sequence if the provided sequence of ids is already formatted with special tokens for the model.');
      }
      const special = new Set(this.allSpecialIds);
      return ids.map((id) => (special.has(id) ? 1 : 0));
    }
    return this.addedSpecialTokensMask([...ids], pairIds && [...pairIds]);
  }

  /** HF `encode`: the input ids of one text (special tokens added by default). */
  encode(text: string, options: EncodeOptions = {}): number[] {
    return this.encodePlus(text, options).inputIds;
  }

  /** HF `encode_plus`. */
  encodePlus(text: string, options: EncodeOptions = {}): Encoding {
    checkCallOptions(options);
    refuseTensors(options, 'encodePlus');
    checkText(text, 'text');
    if (options.textPair !== undefined && options.textPair !== null) checkText(options.textPair, 'textPair');
    this.checkOffsets(options);
    const { padding, truncation, maxLength } = this.resolveStrategies(options);
    const prepared = this.withTruncationSide(options, () => this.prepareForModel(text, options.textPair ?? null, options, truncation, maxLength));
    const out = this.padOne(prepared, padding, maxLength, options);
    // HF's prepare_for_model pads first, then measures.
    if (options.returnLength) out.length = out.inputIds.length;
    return out;
  }

  /** HF `batch_encode_plus`. */
  batchEncodePlus(texts: readonly string[], options: CallOptions = {}): BatchEncoding {
    checkCallOptions(options);
    refuseTensors(options, 'batchEncodePlus');
    if (!Array.isArray(texts)) throw new TokenizerArgumentError('texts', 'expected an array of strings');
    texts.forEach((t, i) => {
      checkText(t, `texts[${i}]`);
    });
    const pairs = options.textPair;
    if (pairs !== undefined && pairs !== null && (!Array.isArray(pairs) || pairs.length !== texts.length)) {
      throw new TokenizerArgumentError('textPair', `expected an array of ${texts.length} strings to pair with the batch`);
    }
    (pairs as readonly unknown[] | null | undefined)?.forEach((t, i) => {
      checkText(t, `textPair[${i}]`);
    });
    this.checkOffsets(options);
    const { padding, truncation, maxLength } = this.resolveStrategies(options);
    const seqs = this.withTruncationSide(options, () =>
      texts.map((t, i) => this.prepareForModel(t, (pairs as readonly string[] | null | undefined)?.[i] ?? null, options, truncation, maxLength)),
    );
    let target = maxLength;
    if (padding === 'longest') target = Math.max(0, ...seqs.map((s) => s.ids.length));
    const encs = seqs.map((s) => this.padOne(s, padding === 'longest' ? 'max_length' : padding, target, options));
    const out: BatchEncoding = { inputIds: encs.map((e) => e.inputIds) };
    if (options.returnTokenTypeIds) out.tokenTypeIds = encs.map((e) => e.tokenTypeIds!);
    if (options.returnSpecialTokensMask) out.specialTokensMask = encs.map((e) => e.specialTokensMask!);
    if (options.returnOffsetsMapping) out.offsetMapping = encs.map((e) => e.offsetMapping!);
    if (options.returnAttentionMask !== false) out.attentionMask = encs.map((e) => e.attentionMask!);
    // The fast tokenizer measures the padded encodings; the slow one measures each sequence before batch padding.
    if (options.returnLength) out.length = this.source === 'tokenizer.json' ? encs.map((e) => e.inputIds.length) : seqs.map((s) => s.ids.length);
    return out;
  }

  private withTruncationSide<T>(options: Omit<EncodeOptions, 'textPair'>, run: () => T): T {
    // Encoding is synchronous, so the per-call side cannot leak into another call.
    this.callTruncationSide = options.truncationSide ?? null;
    try {
      return run();
    } finally {
      this.callTruncationSide = null;
    }
  }

  private checkOffsets(options: Omit<EncodeOptions, 'textPair'>): void {
    const unit = options.offsetsUnit;
    if (unit !== undefined && unit !== null) {
      if (unit !== 'utf16' && unit !== 'codePoint') throw new TokenizerArgumentError('offsetsUnit', `expected 'utf16' or 'codePoint', got ${JSON.stringify(unit)}`);
      if (!options.returnOffsetsMapping) throw new TokenizerArgumentError('offsetsUnit', 'only means something with returnOffsetsMapping: true');
    }
    if (!options.returnOffsetsMapping) return;
    const refusal = this.offsetsRefusal();
    if (refusal !== null) throw new TokenizerArgumentError('returnOffsetsMapping', refusal);
  }

  protected invoke(text: string | readonly string[], options: CallOptions = {}): CallResult {
    checkCallOptions(options);
    const batched = Array.isArray(text);
    let result: Encoding | BatchEncoding;
    // The tensors are built here, from the arrays encodePlus / batchEncodePlus return.
    const arrays = { ...options, returnTensors: undefined };
    if (batched) {
      result = this.batchEncodePlus(text as readonly string[], arrays);
    } else {
      if (Array.isArray(options.textPair)) throw new TokenizerArgumentError('textPair', 'must be a string when text is a string');
      result = this.encodePlus(text as string, { ...arrays, textPair: (options.textPair as string | null | undefined) ?? null });
    }
    if (options.returnTensors === 'int64') {
      const one = result as Encoding;
      const rows: BatchEncoding = batched
        ? (result as BatchEncoding)
        : {
            inputIds: [one.inputIds],
            ...(one.attentionMask && { attentionMask: [one.attentionMask] }),
            ...(one.tokenTypeIds && { tokenTypeIds: [one.tokenTypeIds] }),
            ...(one.specialTokensMask && { specialTokensMask: [one.specialTokensMask] }),
            ...(one.offsetMapping && { offsetMapping: [one.offsetMapping] }),
            ...(one.length !== undefined && { length: [one.length] }),
          };
      const t: TensorEncoding = { inputIds: toInt64(rows.inputIds) };
      if (rows.tokenTypeIds) t.tokenTypeIds = toInt64(rows.tokenTypeIds);
      if (rows.specialTokensMask) t.specialTokensMask = toInt64(rows.specialTokensMask);
      if (rows.offsetMapping) {
        const m = toInt64(rows.offsetMapping.map((r) => r.flat()));
        t.offsetMapping = { dtype: 'int64', dims: [m.dims[0], m.dims[1] / 2, 2], data: m.data };
      }
      if (rows.attentionMask) t.attentionMask = toInt64(rows.attentionMask);
      if (rows.length) t.length = { dtype: 'int64', dims: [rows.length.length], data: BigInt64Array.from(rows.length, (n) => BigInt(n)) };
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

  private prepareForModel(text: string, pair: string | null, options: Omit<EncodeOptions, 'textPair'>, truncation: TruncationStrategy, maxLength: number | null): Prepared {
    const addSpecial = options.addSpecialTokens !== false;
    const withOffsets = options.returnOffsetsMapping === true;
    let offsets: Array<[number, number]> | null = null;
    let pairOffsets: Array<[number, number]> | null = null;
    let ids: number[];
    let pairIds: number[] | null;
    if (withOffsets) {
      const codePoints = options.offsetsUnit === 'codePoint';
      const one = (t: string): IdsWithOffsets => {
        const r = this.textToIdsWithOffsets(t);
        if (r === null) throw new TokenizerArgumentError('returnOffsetsMapping', this.offsetsRefusal() ?? 'not available');
        return codePoints ? { ids: r.ids, offsets: toCodePointOffsets(t, r.offsets) } : r;
      };
      const a = one(text);
      ids = a.ids;
      offsets = a.offsets;
      const b = pair === null ? null : one(pair);
      pairIds = b?.ids ?? null;
      pairOffsets = b?.offsets ?? null;
    } else {
      ids = this.textToIds(text);
      pairIds = pair === null ? null : this.textToIds(pair);
    }
    const specials = addSpecial ? this.numSpecialTokensToAdd(pairIds !== null) : 0;
    const total = ids.length + (pairIds?.length ?? 0) + specials;
    if (truncation !== 'do_not_truncate' && maxLength && total > maxLength) {
      [ids, pairIds] = this.truncateSequences(ids, pairIds, total - maxLength, truncation, maxLength - specials);
      // Truncation keeps a prefix (right) or a suffix (left) of each sequence; the offsets follow the ids.
      const left = this.currentTruncationSide === 'left';
      const cut = (o: Array<[number, number]>, n: number) => (left ? o.slice(o.length - n) : o.slice(0, n));
      if (offsets) offsets = cut(offsets, ids.length);
      if (pairOffsets && pairIds) pairOffsets = cut(pairOffsets, pairIds.length);
    }
    const seq = addSpecial ? this.buildInputsWithSpecialTokens(ids, pairIds) : pairIds ? [...ids, ...pairIds] : ids;
    // HF: token types and the special-tokens mask follow the special tokens added (all 0 without them).
    const typeIds = addSpecial ? this.createTokenTypeIdsFromSequences(ids, pairIds) : new Array<number>(seq.length).fill(0);
    const specialMask = addSpecial ? this.addedSpecialTokensMask(ids, pairIds) : new Array<number>(seq.length).fill(0);
    if (maxLength === null && seq.length > this.modelMaxLength && options.verbose !== false) {
      this.warnOnce(
        'sequence-length-is-longer-than-the-specified-maximum',
        `Token indices sequence length is longer than the specified maximum sequence length for this model (${seq.length} > ${this.modelMaxLength}). Running this sequence through the model will result in indexing errors`,
      );
    }
    const prepared: Prepared = { ids: seq, typeIds, specialMask };
    if (offsets) prepared.offsets = addSpecial ? this.buildOffsetsWithSpecialTokens(offsets, pairOffsets) : pairOffsets ? offsets.concat(pairOffsets) : offsets;
    return prepared;
  }

  private padOne(prepared: Prepared, padding: PaddingStrategy, maxLength: number | null, options: Omit<EncodeOptions, 'textPair'>): Encoding {
    const { ids } = prepared;
    let target = padding === 'longest' ? ids.length : maxLength;
    const m = options.padToMultipleOf ?? null;
    if (target !== null && m !== null && m > 0 && target % m !== 0) target = (Math.floor(target / m) + 1) * m;
    const n = padding !== 'do_not_pad' && target !== null && ids.length < target ? target - ids.length : 0;
    const left = (options.paddingSide ?? this.config.paddingSide) === 'left';
    // HF's `_pad`: ids with the pad id, mask with 0, token types with pad_token_type_id (0), special mask with 1.
    const pad = (values: number[], fill: number) => {
      if (n === 0) return values;
      const extra = new Array<number>(n).fill(fill);
      return left ? [...extra, ...values] : [...values, ...extra];
    };
    const out: Encoding = { inputIds: pad(ids, this.padTokenId as number) };
    if (options.returnTokenTypeIds) out.tokenTypeIds = pad(prepared.typeIds, 0);
    if (options.returnSpecialTokensMask) out.specialTokensMask = pad(prepared.specialMask, 1);
    if (prepared.offsets) {
      // Rust pads offsets with (0, 0).
      const o = prepared.offsets;
      const extra = Array.from({ length: n }, (): [number, number] => [0, 0]);
      out.offsetMapping = n === 0 ? o : left ? extra.concat(o) : o.concat(extra);
    }
    if (options.returnAttentionMask !== false) out.attentionMask = pad(ids.map(() => 1), 0);
    return out;
  }
}

/** encode / encodePlus / batchEncodePlus return number arrays; HF's `return_tensors` there would be silently lost. */
function refuseTensors(options: object, method: string): void {
  const t = (options as { returnTensors?: unknown }).returnTensors;
  if (t !== undefined && t !== null) {
    throw new TokenizerArgumentError('returnTensors', `${method} returns number arrays; call the tokenizer itself for tensors: tokenizer(text, { returnTensors: 'int64' })`);
  }
}

function checkAddedToken(token: unknown, field: string): string | AddedTokenSpec {
  if (typeof token === 'string') return token;
  if (typeof token !== 'object' || token === null || typeof (token as AddedTokenInit).content !== 'string') {
    throw new TokenizerArgumentError(field, `expected a string or an AddedTokenInit ({ content, lstrip?, rstrip?, singleWord?, normalized?, special? }), got ${JSON.stringify(token)}`);
  }
  const t = token as AddedTokenInit;
  for (const key of Object.keys(t)) {
    if (!['content', 'lstrip', 'rstrip', 'singleWord', 'normalized', 'special'].includes(key)) throw new TokenizerArgumentError(`${field}.${key}`, 'unknown AddedToken flag');
  }
  const special = t.special ?? false;
  return { content: t.content, lstrip: t.lstrip ?? false, rstrip: t.rstrip ?? false, singleWord: t.singleWord ?? false, normalized: t.normalized ?? !special, special };
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

/**
 * UTF-16 offsets into `text` → code point offsets, the numbers Rust's `encode_char_offsets` gives (a lone
 * surrogate is one character there too: it arrives as U+FFFD). [0, 0] stays [0, 0].
 */
function toCodePointOffsets(text: string, offsets: Array<[number, number]>): Array<[number, number]> {
  if (!/[\uD800-\uDFFF]/.test(text)) return offsets;
  const index = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    index[i] = cp;
    const c = text.charCodeAt(i);
    const pairs = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pairs) index[++i] = cp;
    cp++;
  }
  index[text.length] = cp;
  return offsets.map(([s, e]) => [index[s], index[e]]);
}

/** Converts any id container (number[], Int32Array, BigInt64Array …) to plain numbers. */
export function idsToNumbers(ids: IdsLike): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) out.push(Number((ids as ArrayLike<number | bigint>)[i]));
  return out;
}
