import { PrecompiledCharsmap } from '../normalizer/PrecompiledCharsmap.js';
import { utf8Encode } from '../unicode/utf8.js';
import { PieceType, type SentencePieceModelProto, parseSentencePieceModel } from './SentencePieceModelProto.js';
import { SentencePieceNormalizer } from './SentencePieceNormalizer.js';
import { type EncodedPiece, SentencePieceUnigram } from './SentencePieceUnigram.js';
import { UserSymbolMatcher } from './UserSymbolMatcher.js';

export class SentencePieceModelError extends Error {
  override name = 'SentencePieceModelError';
}

/**
 * The parts of `sentencepiece.SentencePieceProcessor` a slow Hugging Face tokenizer uses:
 * `encode(text, out_type=str)`, `PieceToId`, `IdToPiece`, `len()`. Unigram models only.
 */
export class SentencePieceProcessor {
  readonly proto: SentencePieceModelProto;
  private readonly normalizer: SentencePieceNormalizer;
  private readonly unigram: SentencePieceUnigram;
  private readonly pieceIds = new Map<string, number>();
  private readonly reservedIds = new Map<string, number>();
  readonly unkId: number;

  constructor(proto: SentencePieceModelProto) {
    this.proto = proto;
    const { trainerSpec, normalizerSpec, pieces } = proto;
    if (trainerSpec.modelType !== 1) {
      const kind = ['', 'unigram', 'bpe', 'word', 'char'][trainerSpec.modelType] ?? `type ${trainerSpec.modelType}`;
      throw new SentencePieceModelError(`model_type is ${kind}; only unigram models are supported`);
    }
    if (trainerSpec.byteFallback) throw new SentencePieceModelError('byte_fallback models are not supported');
    if (pieces.length === 0) throw new SentencePieceModelError('the model has no pieces');
    let unkId = -1;
    const userSymbols: Uint8Array[] = [];
    pieces.forEach((p, id) => {
      if (p.piece === '') throw new SentencePieceModelError(`piece ${id} is empty`);
      const normal = p.type === PieceType.normal || p.type === PieceType.userDefined || p.type === PieceType.unused;
      const map = normal ? this.pieceIds : this.reservedIds;
      if (map.has(p.piece)) throw new SentencePieceModelError(`piece "${p.piece}" (id ${id}) is already defined`);
      map.set(p.piece, id);
      if (p.type === PieceType.userDefined) userSymbols.push(utf8Encode(p.piece));
      if (p.type === PieceType.unknown) {
        if (unkId >= 0) throw new SentencePieceModelError('more than one <unk> piece');
        unkId = id;
      }
    });
    if (unkId < 0) throw new SentencePieceModelError('no piece of type UNKNOWN');
    this.unkId = unkId;
    let charsmap: PrecompiledCharsmap | null = null;
    if (normalizerSpec.precompiledCharsmap.length > 0) {
      charsmap = new PrecompiledCharsmap(normalizerSpec.precompiledCharsmap);
    }
    this.normalizer = new SentencePieceNormalizer(
      normalizerSpec,
      charsmap,
      userSymbols.length > 0 ? new UserSymbolMatcher(userSymbols) : null,
      trainerSpec.treatWhitespaceAsSuffix,
    );
    this.unigram = new SentencePieceUnigram(pieces, unkId);
  }

  static fromBytes(bytes: Uint8Array): SentencePieceProcessor {
    return new SentencePieceProcessor(parseSentencePieceModel(bytes));
  }

  get size(): number {
    return this.proto.pieces.length;
  }

  normalize(text: string): Uint8Array {
    return this.normalizer.normalize(utf8Encode(text));
  }

  encode(text: string): EncodedPiece[] {
    return this.unigram.encode(this.normalize(text));
  }

  /** `PieceToId`: reserved (control/unknown/byte) pieces first, then the rest, else the unk id. */
  pieceToId(piece: string): number {
    return this.reservedIds.get(piece) ?? this.pieceIds.get(piece) ?? this.unkId;
  }

  /** `IdToPiece`; throws RangeError like sentencepiece's "piece id is out of range". */
  idToPiece(id: number): string {
    const p = this.proto.pieces[id];
    if (!Number.isInteger(id) || p === undefined) throw new RangeError(`piece id ${id} is out of range (0..${this.size - 1})`);
    return p.piece;
  }
}
