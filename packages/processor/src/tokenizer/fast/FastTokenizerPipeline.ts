import { TokenizerFileError, UnsupportedTokenizerError } from '../TokenizerError.js';
import { toWellFormed } from '../unicode/toWellFormed.js';
import { AddedTokenMatcher } from './AddedVocabulary.js';
import { AlignedString } from './AlignedString.js';
import { buildNormalizer, type Normalizer } from './FastNormalizer.js';
import { expectArray, expectId, expectObject, expectString, fieldError, optionalBoolean } from './jsonFields.js';
import { metaspaceDecode } from './MetaspaceDecoder.js';
import { MetaspacePreTokenizer, type PrependScheme } from './MetaspacePreTokenizer.js';
import { PostProcessor } from './PostProcessor.js';
import type { AddedTokenJson, DecoderJson, PreTokenizerJson, TokenizerJson } from './TokenizerJson.js';
import { UnigramModel } from './UnigramModel.js';

const FILE = 'tokenizer.json';

export interface PipelineEncoding {
  ids: number[];
  tokens: string[];
}

export interface PipelineEncodingWithOffsets extends PipelineEncoding {
  /** Per token, [start, end) in the input text, in UTF-16 units (Rust's offsets, counted in JS string units). */
  offsets: Array<[number, number]>;
}

/**
 * A `tokenizers.Tokenizer` restricted to what XLM-R style files use: added-token splitting,
 * normalizer, Metaspace pre-tokenizer, Unigram model, template post-processor, Metaspace decoder.
 */
export class FastTokenizerPipeline {
  readonly model: UnigramModel;
  readonly addedTokens: AddedTokenJson[];
  readonly postProcessor: PostProcessor | null;
  private rawMatcher!: AddedTokenMatcher;
  private normalizedMatcher!: AddedTokenMatcher;
  private readonly normalizer: Normalizer;
  private readonly preTokenizer: MetaspacePreTokenizer | null;
  private readonly decoder: DecoderJson | null;
  private readonly addedById = new Map<number, AddedTokenJson>();
  private readonly addedByContent = new Map<string, number>();
  private readonly specialContents = new Set<string>();
  private maxAddedId = -1;

  constructor(json: TokenizerJson) {
    if (!json || typeof json !== 'object') throw new TokenizerFileError(FILE, 'expected a JSON object');
    const model = json.model;
    if (model?.type !== 'Unigram') {
      throw new UnsupportedTokenizerError(FILE, `model.type ${JSON.stringify(model?.type)} is not supported (only Unigram)`);
    }
    if (!Array.isArray(model.vocab)) throw new TokenizerFileError(FILE, 'model.vocab must be an array of [piece, score]');
    model.vocab.forEach((e, i) => {
      if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number') {
        throw new TokenizerFileError(FILE, `model.vocab[${i}] must be [string, number]`);
      }
    });
    if (optionalBoolean(model.byte_fallback, 'model.byte_fallback', false)) throw new UnsupportedTokenizerError(FILE, 'model.byte_fallback is not supported');
    const unkId = model.unk_id ?? null;
    if (unkId !== null && (!Number.isInteger(unkId) || unkId < 0 || unkId >= model.vocab.length)) {
      throw new TokenizerFileError(FILE, `model.unk_id ${unkId} is outside the vocabulary of ${model.vocab.length}`);
    }
    this.model = new UnigramModel(model.vocab, unkId);
    this.normalizer = buildNormalizer(json.normalizer ?? null);
    this.preTokenizer = buildPreTokenizer(json.pre_tokenizer ?? null);
    this.postProcessor = PostProcessor.fromJson(json.post_processor ?? null);
    this.decoder = json.decoder ?? null;
    if (this.decoder !== null) {
      expectObject(this.decoder, 'decoder');
      if (this.decoder.type !== 'Metaspace') throw new UnsupportedTokenizerError(FILE, `decoder.type ${JSON.stringify(this.decoder.type)} is not supported`);
      expectString(this.decoder.replacement, 'decoder.replacement');
      prependSchemeOf(this.decoder, 'decoder');
    }
    this.addedTokens = [];
    // As Rust's deserializer: the file's ids are not trusted; the tokens are added in order
    // (`add_tokens`), each getting its vocabulary id or the next free one, empty ones skipped.
    const fromFile: AddedTokenJson[] = [];
    expectArray(json.added_tokens ?? [], 'added_tokens').forEach((entry, i) => {
      const path = `added_tokens[${i}]`;
      const t = expectObject(entry, path);
      expectString(t.content, `${path}.content`);
      expectId(t.id, `${path}.id`);
      for (const flag of ['single_word', 'lstrip', 'rstrip', 'normalized', 'special']) optionalBoolean(t[flag], `${path}.${flag}`, false);
      if (t.content !== '') fromFile.push(t as unknown as AddedTokenJson);
    });
    this.addTokens(fromFile);
    this.refreshMatchers();
  }

  /**
   * `Tokenizer::add_tokens`: a token already known keeps its id (its flags are replaced), a new
   * one gets the next id after the vocabulary. Returns the id.
   */
  addToken(token: Omit<AddedTokenJson, 'id'>): number {
    return this.addTokens([token])[0];
  }

  /** `addToken` for many tokens; the matchers are rebuilt once (a config may list many tokens). */
  addTokens(tokens: ReadonlyArray<Omit<AddedTokenJson, 'id'>>): number[] {
    const ids = tokens.map((token) => {
      const id = this.tokenToId(token.content) ?? this.nextId;
      if (this.addedByContent.has(token.content)) {
        const existing = this.addedTokens.findIndex((t) => t.content === token.content);
        if (existing >= 0) this.addedTokens.splice(existing, 1);
      }
      this.register({ ...token, id });
      return id;
    });
    this.refreshMatchers();
    return ids;
  }

  /** The id a new added token gets: one past the vocabulary and every added id. */
  private get nextId(): number {
    return Math.max(this.model.size, this.maxAddedId + 1);
  }

  private register(t: AddedTokenJson): void {
    this.addedTokens.push(t);
    if (t.id > this.maxAddedId) this.maxAddedId = t.id;
    this.addedById.set(t.id, t);
    this.addedByContent.set(t.content, t.id);
    if (t.special) this.specialContents.add(t.content);
  }

  private refreshMatchers(): void {
    this.rawMatcher = new AddedTokenMatcher(this.addedTokens.filter((t) => !t.normalized));
    this.normalizedMatcher = new AddedTokenMatcher(
      this.addedTokens.filter((t) => t.normalized).map((t) => ({ ...t, content: this.normalizer.normalize(t.content) })),
    );
  }

  /** Vocabulary size including added tokens (`len(tokenizer)`). */
  get size(): number {
    return this.nextId;
  }

  isSpecialToken(token: string): boolean {
    return this.specialContents.has(token);
  }

  tokenToId(token: string): number | undefined {
    return this.addedByContent.get(token) ?? this.model.tokenToId(token);
  }

  idToToken(id: number): string | undefined {
    return this.addedById.get(id)?.content ?? this.model.idToToken(id);
  }

  /** Ids and tokens of one text, without special tokens. */
  encode(text: string): PipelineEncoding {
    const ids: number[] = [];
    const tokens: string[] = [];
    for (const split of this.rawMatcher.split(toWellFormed(text))) {
      if (split.id !== null) {
        ids.push(split.id);
        tokens.push(split.text);
        continue;
      }
      if (split.text.length === 0) continue;
      const normalized = this.normalizer.normalize(split.text);
      for (const sub of this.normalizedMatcher.split(normalized)) {
        if (sub.id !== null) {
          ids.push(sub.id);
          tokens.push(sub.text);
          continue;
        }
        const words = this.preTokenizer ? this.preTokenizer.preTokenize(sub.text, split.start === 0 && sub.start === 0) : [sub.text];
        for (const w of words) {
          const enc = this.model.encode(w);
          // A loop, not push(...array): spreading a 100k+ token word overflows the call stack.
          for (let k = 0; k < enc.ids.length; k++) {
            ids.push(enc.ids[k]);
            tokens.push(enc.tokens[k]);
          }
        }
      }
    }
    return { ids, tokens };
  }

  /**
   * `encode` with each token's offsets, following the alignments Rust's `NormalizedString` keeps through the
   * added-token split, normaliser, pre-tokeniser and model (a separate walk so that plain encoding stays lean; the
   * ids are the same, which the offsets tests check).
   */
  encodeWithOffsets(text: string): PipelineEncodingWithOffsets {
    const ids: number[] = [];
    const tokens: string[] = [];
    const offsets: Array<[number, number]> = [];
    for (const split of this.rawMatcher.split(toWellFormed(text))) {
      if (split.id !== null) {
        ids.push(split.id);
        tokens.push(split.text);
        offsets.push([split.start, split.start + split.text.length]);
        continue;
      }
      if (split.text.length === 0) continue;
      const normalized = this.normalizer.aligned(AlignedString.original(split.text, split.start));
      for (const sub of this.normalizedMatcher.split(normalized.text)) {
        const piece = normalized.slice(sub.start, sub.start + sub.text.length);
        if (sub.id !== null) {
          ids.push(sub.id);
          tokens.push(sub.text);
          offsets.push(piece.toOriginal(0, piece.length));
          continue;
        }
        const words = this.preTokenizer ? this.preTokenizer.preTokenizeAligned(piece, split.start === 0 && sub.start === 0) : piece.length > 0 ? [piece] : [];
        for (const w of words) {
          const enc = this.model.encode(w.text);
          // Rust's model offsets are the tokens' cumulative lengths within the word.
          let at = 0;
          for (let k = 0; k < enc.ids.length; k++) {
            const end = at + enc.tokens[k].length;
            ids.push(enc.ids[k]);
            tokens.push(enc.tokens[k]);
            offsets.push(w.toOriginal(at, end));
            at = end;
          }
        }
      }
    }
    return { ids, tokens, offsets };
  }

  /** `Tokenizer::decode`: unknown ids are dropped, special tokens optionally skipped. */
  decode(ids: readonly number[], skipSpecialTokens: boolean): string {
    const tokens: string[] = [];
    for (const id of ids) {
      const t = this.idToToken(id);
      if (t === undefined) continue;
      if (skipSpecialTokens && this.specialContents.has(t)) continue;
      tokens.push(t);
    }
    if (!this.decoder) return tokens.join(' ');
    return metaspaceDecode(tokens, this.decoder.replacement, prependSchemeOf(this.decoder, 'decoder'));
  }
}

function prependSchemeOf(spec: { add_prefix_space?: boolean; prepend_scheme?: PrependScheme }, path: string): PrependScheme {
  const scheme = spec.prepend_scheme;
  if (scheme !== undefined && scheme !== null) {
    if (scheme !== 'always' && scheme !== 'first' && scheme !== 'never') throw fieldError(`${path}.prepend_scheme`, '"always", "first" or "never"', scheme);
    return scheme;
  }
  return optionalBoolean(spec.add_prefix_space, `${path}.add_prefix_space`, true) ? 'always' : 'never';
}

function buildPreTokenizer(spec: PreTokenizerJson | null, path = 'pre_tokenizer'): MetaspacePreTokenizer | null {
  if (spec === null || spec === undefined) return null;
  expectObject(spec, path);
  if (spec.type === 'Sequence' && Array.isArray(spec.pretokenizers) && spec.pretokenizers.length === 1) {
    return buildPreTokenizer(spec.pretokenizers[0], `${path}.pretokenizers[0]`);
  }
  if (spec.type !== 'Metaspace') {
    throw new UnsupportedTokenizerError(FILE, `pre_tokenizer.type ${JSON.stringify(spec.type)} is not supported (only Metaspace)`);
  }
  if (typeof spec.replacement !== 'string' || [...spec.replacement].length !== 1) {
    throw new TokenizerFileError(FILE, 'pre_tokenizer.replacement must be one character');
  }
  return new MetaspacePreTokenizer(spec.replacement, prependSchemeOf(spec, path), optionalBoolean(spec.split, `${path}.split`, true));
}
