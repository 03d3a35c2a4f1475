import type { ResolveOptions } from '@altclip/hub';
import { loadOptionsProblem } from '../io/loadOptionsProblem.js';
import { checkDecodeOptions, refuseExtraArguments } from './callOptionKeys.js';
import { cleanUpTokenization } from './cleanUpTokenization.js';
import { FastTokenizerPipeline } from './fast/FastTokenizerPipeline.js';
import type { AddedTokenJson, TokenizerJson } from './fast/TokenizerJson.js';
import { openSource, readJson, recordReads, type TokenizerSource } from './files/TokenizerFiles.js';
import { type DecodeOptions, type IdsLike, type IdsWithOffsets, idsToNumbers, PreTrainedTokenizerBase, type TruncationStrategy } from './PreTrainedTokenizerBase.js';
import { type AddedTokenSpec, readTokenizerConfig, SPECIAL_TOKEN_NAMES, type TokenizerConfig } from './TokenizerConfig.js';
import { TokenizerArgumentError, TokenizerFileError } from './TokenizerError.js';

export const TOKENIZER_JSON_FILE = 'tokenizer.json';

/**
 * transformers' `XLMRobertaTokenizerFast`: the `tokenizer.json` pipeline of Hugging Face
 * `tokenizers` (ids identical to the Rust library, including where it differs from the slow
 * tokenizer) with the config's `model_max_length` and special tokens.
 */
export class XLMRobertaTokenizerFast extends PreTrainedTokenizerBase {
  readonly source = TOKENIZER_JSON_FILE;
  readonly pipeline: FastTokenizerPipeline;

  constructor(pipeline: FastTokenizerPipeline, config: TokenizerConfig) {
    super(config);
    this.pipeline = pipeline;
    // As `PreTrainedTokenizerFast.__init__`: config tokens missing from tokenizer.json (or with
    // other flags) are added, then special tokens the file does not know.
    const same = (a: AddedTokenSpec, b: AddedTokenJson) =>
      a.content === b.content && a.lstrip === !!b.lstrip && a.rstrip === !!b.rstrip && a.singleWord === !!b.single_word && a.normalized === !!b.normalized && a.special === !!b.special;
    const toAdd: AddedTokenSpec[] = [];
    const fileTokens = new Map<string, AddedTokenJson[]>();
    for (const t of pipeline.addedTokens) {
      const list = fileTokens.get(t.content);
      if (list) list.push(t);
      else fileTokens.set(t.content, [t]);
    }
    for (const [, tok] of [...(config.addedTokensDecoder ?? new Map<number, AddedTokenSpec>())].sort((x, y) => x[0] - y[0])) {
      if (!fileTokens.get(tok.content)?.some((t) => same(tok, t))) toAdd.push(tok);
    }
    const specials = [...SPECIAL_TOKEN_NAMES.map((k) => config.specialTokens[k]).filter((t): t is AddedTokenSpec => !!t), ...config.additionalSpecialTokens];
    const known = new Set([...pipeline.addedTokens.map((t) => t.content), ...toAdd.map((t) => t.content)]);
    for (const tok of specials) {
      if (known.has(tok.content)) continue;
      toAdd.push(tok);
      known.add(tok.content);
    }
    const specialContents = new Set(specials.map((t) => t.content));
    pipeline.addTokens(
      toAdd.map((tok) => ({
        content: tok.content,
        lstrip: tok.lstrip,
        rstrip: tok.rstrip,
        single_word: tok.singleWord,
        normalized: tok.normalized,
        special: tok.special || specialContents.has(tok.content),
      })),
    );
  }

  /** Loads `tokenizer.json` (+ `tokenizer_config.json`, `special_tokens_map.json`) from a folder, URL, in-memory files, a hub id or ModelFiles (`options`: hub options). */
  static async fromPretrained(source: TokenizerSource, options: ResolveOptions = {}): Promise<XLMRobertaTokenizerFast> {
    const problem = loadOptionsProblem(options, []);
    if (problem) throw new TokenizerArgumentError(problem.key, problem.why);
    const reader = recordReads(openSource(source, options));
    const json = await readJson(reader, TOKENIZER_JSON_FILE);
    if (json === null) throw new TokenizerFileError(TOKENIZER_JSON_FILE, `not found in ${reader.location}`);
    const config = await readTokenizerConfig(reader);
    const tokenizer = new XLMRobertaTokenizerFast(new FastTokenizerPipeline(json as TokenizerJson), config);
    tokenizer.sourceFiles = reader.files;
    return tokenizer;
  }

  get padTokenId(): number | null {
    return this.pipeline.tokenToId(this.config.specialTokens.pad_token?.content ?? '<pad>') ?? null;
  }

  get length(): number {
    return this.pipeline.size;
  }

  get addedTokensDecoder(): Map<number, AddedTokenSpec> {
    const sorted = [...this.pipeline.addedTokens].sort((x, y) => x.id - y.id);
    return new Map(
      sorted.map((t) => [t.id, { content: t.content, lstrip: !!t.lstrip, rstrip: !!t.rstrip, singleWord: !!t.single_word, normalized: !!t.normalized, special: !!t.special }]),
    );
  }

  get vocabSize(): number {
    return this.pipeline.model.size;
  }

  getVocab(): Record<string, number> {
    const vocab: Record<string, number> = {};
    this.pipeline.model.vocab.forEach(([t], id) => {
      vocab[t] = id;
    });
    for (const t of this.pipeline.addedTokens) vocab[t.content] = t.id;
    return vocab;
  }

  get allSpecialIds(): number[] {
    const toks = [...SPECIAL_TOKEN_NAMES.map((k) => this.config.specialTokens[k]?.content).filter((t): t is string => !!t), ...this.config.additionalSpecialTokens.map((t) => t.content)];
    return [...new Set(toks.map((t) => this.convertTokenToId(t)))];
  }

  tokenize(text: string, ...rest: unknown[]): string[] {
    refuseExtraArguments('tokenize', rest);
    return this.pipeline.encode(text).tokens;
  }

  /** Rust `Tokenizer::decode` (Metaspace decoder; unknown ids dropped), then optional clean-up. */
  decode(ids: IdsLike, options: DecodeOptions = {}): string {
    checkDecodeOptions(options);
    const text = this.pipeline.decode(idsToNumbers(ids), options.skipSpecialTokens ?? false);
    return (options.cleanUpTokenizationSpaces ?? this.config.cleanUpTokenizationSpaces) ? cleanUpTokenization(text) : text;
  }

  protected textToIds(text: string): number[] {
    return this.pipeline.encode(text).ids;
  }

  protected override textToIdsWithOffsets(text: string): IdsWithOffsets {
    const { ids, offsets } = this.pipeline.encodeWithOffsets(text);
    return { ids, offsets };
  }

  protected override offsetsRefusal(): string | null {
    if (this.pipeline.postProcessor?.trimsOffsets) {
      return "tokenizer.json's post_processor is RobertaProcessing with trim_offsets, whose offset trimming is not ported (set trim_offsets: false or use TemplateProcessing, as HF's XLM-R converter writes)";
    }
    return null;
  }

  protected override buildOffsetsWithSpecialTokens(offsets: Array<[number, number]>, pairOffsets: Array<[number, number]> | null): Array<[number, number]> {
    if (this.pipeline.postProcessor) return this.pipeline.postProcessor.offsets(offsets, pairOffsets);
    return pairOffsets ? offsets.concat(pairOffsets) : offsets;
  }

  protected numSpecialTokensToAdd(pair: boolean): number {
    return this.pipeline.postProcessor?.addedTokens(pair) ?? 0;
  }

  protected buildInputsWithSpecialTokens(ids: number[], pairIds: number[] | null): number[] {
    if (this.pipeline.postProcessor) return this.pipeline.postProcessor.apply(ids, pairIds);
    return pairIds ? [...ids, ...pairIds] : ids;
  }

  /** The Rust encoding's `special_tokens_mask`: 1 for the post-processor's tokens only (not for special tokens in the text). */
  protected addedSpecialTokensMask(ids: number[], pairIds: number[] | null): number[] {
    if (this.pipeline.postProcessor) return this.pipeline.postProcessor.specialTokensMask(ids.length, pairIds?.length ?? null);
    return new Array<number>(ids.length + (pairIds?.length ?? 0)).fill(0);
  }

  /**
   * The fast `_add_tokens`: Rust `add_tokens` / `add_special_tokens` (a string is special exactly when added as
   * special, and then not normalised); contents already added are skipped; returns how many were added.
   */
  protected addTokensToVocabulary(tokens: readonly (string | AddedTokenSpec)[], special: boolean): number {
    let added = 0;
    for (const raw of tokens) {
      const spec: AddedTokenSpec =
        typeof raw === 'string' ? { content: raw, lstrip: false, rstrip: false, singleWord: false, normalized: !special, special } : special ? { ...raw, special: true } : raw;
      if (spec.content === '' || this.pipeline.addedTokens.some((t) => t.content === spec.content)) continue;
      this.pipeline.addToken({ content: spec.content, lstrip: spec.lstrip, rstrip: spec.rstrip, single_word: spec.singleWord, normalized: spec.normalized, special: spec.special });
      added++;
    }
    return added;
  }

  /** HF asserts here for every fast tokenizer: only the mask of ids that already carry their special tokens is defined. */
  override getSpecialTokensMask(ids: readonly number[], pairIds: readonly number[] | null = null, alreadyHasSpecialTokens = false): number[] {
    if (!alreadyHasSpecialTokens || (pairIds !== null && pairIds !== undefined)) {
      throw new TokenizerArgumentError(
        'alreadyHasSpecialTokens',
        'You cannot use ``already_has_special_tokens=False`` with this tokenizer (HF: AssertionError for fast tokenizers). Use the slow tokenizer, or returnSpecialTokensMask: true when encoding.',
      );
    }
    return super.getSpecialTokensMask(ids, null, true);
  }

  /** Rust `truncate_encodings` (pairs: both cut to about half when both are long). */
  protected truncateSequences(ids: number[], pairIds: number[] | null, numToRemove: number, strategy: TruncationStrategy, maxForSequences: number): [number[], number[] | null] {
    if (maxForSequences < 0) {
      throw new TokenizerArgumentError('maxLength', `must be at least the ${this.numSpecialTokensToAdd(pairIds !== null)} special tokens the post-processor adds`);
    }
    const left = this.currentTruncationSide === 'left';
    const keep = (s: number[], n: number) => (left ? s.slice(s.length - n) : s.slice(0, n));
    if (strategy === 'longest_first') {
      if (pairIds === null) return [keep(ids, ids.length - numToRemove), null];
      let n1 = ids.length;
      let n2 = pairIds.length;
      const swap = n1 > n2;
      if (swap) [n1, n2] = [n2, n1];
      n2 = n1 > maxForSequences ? n1 : Math.max(n1, maxForSequences - n1);
      if (n1 + n2 > maxForSequences) {
        n1 = Math.floor(maxForSequences / 2);
        n2 = n1 + (maxForSequences % 2);
      }
      if (swap) [n1, n2] = [n2, n1];
      return [keep(ids, Math.min(n1, ids.length)), keep(pairIds, Math.min(n2, pairIds.length))];
    }
    const target = strategy === 'only_first' ? ids : pairIds;
    if (target === null) throw new TokenizerArgumentError('truncation', 'only_second needs a second sequence (textPair)');
    if (target.length <= numToRemove) {
      throw new TokenizerArgumentError('truncation', `cannot remove ${numToRemove} tokens from a sequence of ${target.length} (${strategy})`);
    }
    const cut = keep(target, target.length - numToRemove);
    return strategy === 'only_first' ? [cut, pairIds] : [ids, cut];
  }

  protected convertTokenToId(token: string): number {
    const id = this.pipeline.tokenToId(token);
    if (id !== undefined) return id;
    return this.pipeline.tokenToId(this.config.specialTokens.unk_token?.content ?? '<unk>') ?? this.pipeline.model.unkId ?? 0;
  }

  protected idToToken(id: number): string {
    const t = this.pipeline.idToToken(id);
    if (t === undefined) throw new RangeError(`token id ${id} is out of range (0..${this.pipeline.size - 1})`);
    return t;
  }
}
