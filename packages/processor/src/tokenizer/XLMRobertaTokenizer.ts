import type { ResolveOptions } from '@altclip/hub';
import { loadOptionsProblem } from '../io/loadOptionsProblem.js';
import { checkDecodeOptions, refuseExtraArguments } from './callOptionKeys.js';
import { cleanUpTokenization } from './cleanUpTokenization.js';
import { openSource, recordReads, type TokenizerSource } from './files/TokenizerFiles.js';
import { CharsmapFormatError } from './normalizer/PrecompiledCharsmap.js';
import { type DecodeOptions, type IdsLike, PreTrainedTokenizerBase, type TruncationStrategy } from './PreTrainedTokenizerBase.js';
import { ProtobufDecodeError } from './protobuf/ProtobufReader.js';
import { SentencePieceModelError, SentencePieceProcessor } from './sentencepiece/SentencePieceProcessor.js';
import { splitOnAddedTokens } from './slow/splitOnAddedTokens.js';
import { type AddedTokenSpec, readTokenizerConfig, SPECIAL_TOKEN_NAMES, type TokenizerConfig } from './TokenizerConfig.js';
import { TokenizerArgumentError, TokenizerFileError } from './TokenizerError.js';
import { toWellFormed } from './unicode/toWellFormed.js';
import { isPythonWhitespace, trimWith } from './unicode/whitespace.js';

export const SENTENCEPIECE_FILE = 'sentencepiece.bpe.model';
const SPIECE_UNDERLINE = '\u2581';

/**
 * transformers' slow `XLMRobertaTokenizer` (sentencepiece): fairseq id layout `<s>`=0 `<pad>`=1
 * `</s>`=2 `<unk>`=3, sentencepiece id i≥3 → i+1, `<mask>` = sentencepiece size + 1.
 */
export class XLMRobertaTokenizer extends PreTrainedTokenizerBase {
  readonly source = SENTENCEPIECE_FILE;
  readonly spModel: SentencePieceProcessor;
  private readonly fairseqTokensToIds: Map<string, number>;
  private readonly fairseqIdsToTokens: Map<number, string>;
  private readonly addedEncoder = new Map<string, number>();
  private readonly addedDecoder = new Map<number, AddedTokenSpec>();
  private readonly addedByContent = new Map<string, AddedTokenSpec>();
  private readonly fairseqOffset = 1;
  /** Largest added-token id so far (kept, not recomputed: a config may add many tokens). */
  private maxAddedId = -1;

  constructor(spModel: SentencePieceProcessor, config: TokenizerConfig) {
    super(config);
    this.spModel = spModel;
    const special = config.specialTokens;
    const name = (k: keyof typeof special, d: string) => special[k]?.content ?? d;
    // The fairseq table is fixed by the class, not by the config's token strings.
    this.fairseqTokensToIds = new Map([
      ['<s>', 0],
      ['<pad>', 1],
      ['</s>', 2],
      ['<unk>', 3],
    ]);
    this.fairseqTokensToIds.set('<mask>', spModel.size + this.fairseqOffset);
    this.fairseqIdsToTokens = new Map([...this.fairseqTokensToIds].map(([k, v]) => [v, k]));

    if (config.addedTokensDecoder) {
      for (const [id, tok] of config.addedTokensDecoder) this.registerAdded(id, tok);
    }
    // HF adds special tokens missing from added_tokens_decoder (older configs), mask with lstrip.
    const defaults: Record<string, string> = { bos_token: '<s>', eos_token: '</s>', unk_token: '<unk>', sep_token: '</s>', pad_token: '<pad>', cls_token: '<s>', mask_token: '<mask>' };
    for (const key of SPECIAL_TOKEN_NAMES) {
      const tok: AddedTokenSpec = special[key] ?? { content: defaults[key], lstrip: false, rstrip: false, singleWord: false, normalized: false, special: true };
      // `XLMRobertaTokenizer.__init__` wraps a string mask token as AddedToken(lstrip=True).
      const spec = key === 'mask_token' && (!special[key] || special[key]?.plain) ? { ...tok, lstrip: true, normalized: false } : tok;
      this.addMissing(spec, name('unk_token', '<unk>'));
    }
    for (const tok of config.additionalSpecialTokens) this.addMissing(tok, name('unk_token', '<unk>'));
  }

  /** `_add_tokens`: a token the vocabulary knows keeps its id, a new one goes after everything. */
  private addMissing(tok: AddedTokenSpec, unkToken: string): void {
    if (this.addedEncoder.has(tok.content)) return;
    let id = this.tokenToIdNoAdded(tok.content, unkToken);
    if (id === this.tokenToIdNoAdded(unkToken, unkToken) && tok.content !== unkToken) {
      id = Math.max(this.vocabSize, this.maxAddedId + 1);
    }
    this.registerAdded(id, tok);
  }

  /** Loads `sentencepiece.bpe.model` (+ `tokenizer_config.json`, `special_tokens_map.json`) from a folder, URL, in-memory files, a hub id or ModelFiles (`options`: hub options). */
  static async fromPretrained(source: TokenizerSource, options: ResolveOptions = {}): Promise<XLMRobertaTokenizer> {
    const problem = loadOptionsProblem(options, []);
    if (problem) throw new TokenizerArgumentError(problem.key, problem.why);
    const reader = recordReads(openSource(source, options));
    const bytes = await reader.read(SENTENCEPIECE_FILE);
    if (bytes === null) throw new TokenizerFileError(SENTENCEPIECE_FILE, `not found in ${reader.location}`);
    const config = await readTokenizerConfig(reader);
    const tokenizer = new XLMRobertaTokenizer(loadSentencePiece(bytes), config);
    tokenizer.sourceFiles = reader.files;
    return tokenizer;
  }

  get padTokenId(): number | null {
    const pad = this.config.specialTokens.pad_token?.content ?? '<pad>';
    return this.convertTokenToId(pad);
  }

  get length(): number {
    return Math.max(this.spModel.size + this.fairseqOffset + 1, this.maxAddedId + 1);
  }

  get addedTokensDecoder(): Map<number, AddedTokenSpec> {
    return new Map([...this.addedDecoder].sort((x, y) => x[0] - y[0]));
  }

  get vocabSize(): number {
    return this.spModel.size + this.fairseqOffset + 1;
  }

  getVocab(): Record<string, number> {
    const vocab: Record<string, number> = {};
    for (let i = 0; i < this.vocabSize; i++) vocab[this.idToToken(i)] = i;
    for (const [t, id] of this.addedEncoder) vocab[t] = id;
    return vocab;
  }

  get allSpecialIds(): number[] {
    const toks = [...SPECIAL_TOKEN_NAMES.map((k) => this.config.specialTokens[k]?.content).filter((t): t is string => !!t), ...this.config.additionalSpecialTokens.map((t) => t.content)];
    const ids = toks.length > 0 ? toks : ['<s>', '</s>', '<unk>', '<pad>', '<mask>'];
    return [...new Set(ids.map((t) => this.convertTokenToId(t)))];
  }

  tokenize(text: string, ...rest: unknown[]): string[] {
    refuseExtraArguments('tokenize', rest);
    const out: string[] = [];
    for (const piece of splitOnAddedTokens(toWellFormed(text), this.addedByContent)) {
      if (piece.added) out.push(piece.text);
      else for (const p of this.spModel.encode(piece.text)) out.push(p.piece);
    }
    return out;
  }

  /** Slow `_decode`: tokens joined, `▁` → space, Python `strip()`; unknown ids throw RangeError. */
  decode(ids: IdsLike, options: DecodeOptions = {}): string {
    checkDecodeOptions(options);
    const tokens = this.convertIdsToTokens(ids, options.skipSpecialTokens ?? false);
    // Added tokens that are not special (none in XLM-R's own files) are decoded apart, space-joined.
    const special = new Set(this.allSpecialIds.map((id) => this.idToToken(id)));
    // HF's `legacy_added_tokens` also counts additional special tokens added beyond the vocabulary (add_special_tokens).
    const additionalBeyondVocab = new Set(this.config.additionalSpecialTokens.map((t) => t.content).filter((t) => this.convertTokenToId(t) >= this.vocabSize));
    const subTexts: string[] = [];
    let current: string[] = [];
    for (const t of tokens) {
      if ((this.addedEncoder.has(t) && !special.has(t)) || additionalBeyondVocab.has(t)) {
        if (current.length > 0) {
          const s = this.convertTokensToString(current);
          if (s.length > 0) subTexts.push(s);
          current = [];
        }
        subTexts.push(t);
      } else current.push(t);
    }
    if (current.length > 0) subTexts.push(this.convertTokensToString(current));
    const text = subTexts.join(' ');
    return (options.cleanUpTokenizationSpaces ?? this.config.cleanUpTokenizationSpaces) ? cleanUpTokenization(text) : text;
  }

  convertTokensToString(tokens: readonly string[]): string {
    return trimWith(tokens.join('').split(SPIECE_UNDERLINE).join(' '), isPythonWhitespace);
  }

  protected textToIds(text: string): number[] {
    return this.tokenize(text).map((t) => this.convertTokenToId(t));
  }

  protected numSpecialTokensToAdd(pair: boolean): number {
    return pair ? 4 : 2;
  }

  protected buildInputsWithSpecialTokens(ids: number[], pairIds: number[] | null): number[] {
    const cls = this.convertTokenToId(this.config.specialTokens.cls_token?.content ?? '<s>');
    const sep = this.convertTokenToId(this.config.specialTokens.sep_token?.content ?? '</s>');
    return pairIds === null ? [cls, ...ids, sep] : [cls, ...ids, sep, sep, ...pairIds, sep];
  }

  /** XLM-R's `get_special_tokens_mask` without special tokens present: `<s>`/`</s>` positions are 1. */
  protected addedSpecialTokensMask(ids: number[], pairIds: number[] | null): number[] {
    const zeros = (n: number) => new Array<number>(n).fill(0);
    return pairIds === null ? [1, ...zeros(ids.length), 1] : [1, ...zeros(ids.length), 1, 1, ...zeros(pairIds.length), 1];
  }

  /** transformers' Python `truncate_sequences` (one token at a time from the longer for pairs). */
  protected truncateSequences(ids: number[], pairIds: number[] | null, numToRemove: number, strategy: TruncationStrategy): [number[], number[] | null] {
    const left = this.currentTruncationSide === 'left';
    const cut = (s: number[], n: number) => (left ? s.slice(n) : s.slice(0, s.length - n));
    if (strategy === 'only_first' || (strategy === 'longest_first' && pairIds === null)) {
      if (ids.length > numToRemove) return [cut(ids, numToRemove), pairIds];
      this.logger.warn(`We need to remove ${numToRemove} to truncate the input but the first sequence has a length ${ids.length}. `);
      return [ids, pairIds];
    }
    if (strategy === 'longest_first' && pairIds !== null) {
      this.logger.warn("Be aware, overflowing tokens are not returned for the setting you have chosen, i.e. sequence pairs with the 'longest_first' truncation strategy. So the returned list will always be empty even if some tokens have been removed.");
      let a = ids;
      let b = pairIds;
      for (let i = 0; i < numToRemove; i++) {
        if (a.length > b.length) a = cut(a, 1);
        else b = cut(b, 1);
      }
      return [a, b];
    }
    if (strategy === 'only_second' && pairIds !== null) {
      if (pairIds.length > numToRemove) return [ids, cut(pairIds, numToRemove)];
      this.logger.warn(`We need to remove ${numToRemove} to truncate the input but the second sequence has a length ${pairIds.length}. `);
    }
    return [ids, pairIds];
  }

  /** The slow `_add_tokens` (v4.47.1): new tokens get ids after `len(get_vocab())`, known contents keep theirs. */
  protected addTokensToVocabulary(tokens: readonly (string | AddedTokenSpec)[], special: boolean): number {
    const allSpecial = new Set(this.allSpecialTokens);
    const currentVocab = new Map(Object.entries(this.getVocab()));
    const newIdx = currentVocab.size;
    let added = 0;
    for (const raw of tokens) {
      if ((typeof raw === 'string' ? raw : raw.content) === '') continue;
      let spec: AddedTokenSpec;
      if (typeof raw === 'string') {
        if (this.addedEncoder.has(raw)) continue;
        const isSpecial = allSpecial.has(raw) || special;
        spec = { content: raw, lstrip: false, rstrip: false, singleWord: false, normalized: !isSpecial, special: isSpecial };
      } else spec = special ? { ...raw, special: true } : raw;
      // Python's AddedToken compares by content, like the Rust class.
      if ([...this.addedDecoder.values()].some((t) => t.content === spec.content)) continue;
      let index = currentVocab.get(spec.content);
      if (index === undefined) {
        index = newIdx + added;
        currentVocab.set(spec.content, index);
        added++;
      }
      if (spec.special && !allSpecial.has(spec.content)) {
        this.config.additionalSpecialTokens.push(spec);
        allSpecial.add(spec.content);
      }
      this.registerAdded(index, spec);
    }
    return added;
  }

  private registerAdded(id: number, tok: AddedTokenSpec): void {
    if (id > this.maxAddedId) this.maxAddedId = id;
    this.addedDecoder.set(id, tok);
    this.addedEncoder.set(tok.content, id);
    this.addedByContent.set(tok.content, tok);
  }

  protected convertTokenToId(token: string): number {
    return this.addedEncoder.get(token) ?? this.tokenToIdNoAdded(token, '<unk>');
  }

  /** `_convert_token_to_id`: fairseq table, then sentencepiece (+1), sentencepiece unk → `<unk>`. */
  private tokenToIdNoAdded(token: string, unkToken: string): number {
    const f = this.fairseqTokensToIds.get(token);
    if (f !== undefined) return f;
    const spId = this.spModel.pieceToId(token);
    if (spId !== 0) return spId + this.fairseqOffset;
    return this.addedEncoder.get(unkToken) ?? this.fairseqTokensToIds.get(unkToken) ?? 3;
  }

  protected idToToken(id: number): string {
    if (!Number.isInteger(id)) throw new TokenizerArgumentError('ids', `token ids must be integers, got ${id}`);
    const added = this.addedDecoder.get(id);
    if (added) return added.content;
    const f = this.fairseqIdsToTokens.get(id);
    if (f !== undefined) return f;
    return this.spModel.idToPiece(id - this.fairseqOffset);
  }
}

function loadSentencePiece(bytes: Uint8Array): SentencePieceProcessor {
  try {
    return SentencePieceProcessor.fromBytes(bytes);
  } catch (e) {
    if (e instanceof ProtobufDecodeError) throw new TokenizerFileError(SENTENCEPIECE_FILE, `is not a SentencePiece model (${e.message})`, { cause: e });
    if (e instanceof CharsmapFormatError) throw new TokenizerFileError(SENTENCEPIECE_FILE, `normalizer_spec.precompiled_charsmap is corrupt (${e.message})`, { cause: e });
    if (e instanceof SentencePieceModelError) throw new TokenizerFileError(SENTENCEPIECE_FILE, e.message, { cause: e });
    throw e;
  }
}
