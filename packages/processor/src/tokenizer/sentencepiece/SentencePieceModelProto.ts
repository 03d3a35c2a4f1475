import { ProtobufReader, WireType } from '../protobuf/ProtobufReader.js';

/** `ModelProto.SentencePiece.Type` (sentencepiece_model.proto). */
export const PieceType = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;
export type PieceTypeValue = (typeof PieceType)[keyof typeof PieceType];

export interface SentencePiece {
  piece: string;
  /** float32 value, widened exactly to a JS number. */
  score: number;
  type: PieceTypeValue;
}

/** The `TrainerSpec` fields that change encoding (the rest only describe training). */
export interface TrainerSpec {
  /** 1 unigram, 2 bpe, 3 word, 4 char. */
  modelType: number;
  vocabSize: number;
  treatWhitespaceAsSuffix: boolean;
  byteFallback: boolean;
  unkId: number;
  bosId: number;
  eosId: number;
  padId: number;
  unkPiece: string;
  bosPiece: string;
  eosPiece: string;
  padPiece: string;
}

export interface NormalizerSpec {
  name: string;
  precompiledCharsmap: Uint8Array;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  escapeWhitespaces: boolean;
}

export interface SentencePieceModelProto {
  pieces: SentencePiece[];
  trainerSpec: TrainerSpec;
  normalizerSpec: NormalizerSpec;
}

/**
 * Decodes a serialized `ModelProto` (a `*.model` file). Defaults are the proto2 defaults of
 * sentencepiece_model.proto, which matter: absent booleans such as `add_dummy_prefix` are true.
 * Throws `ProtobufDecodeError` on malformed bytes.
 */
export function parseSentencePieceModel(bytes: Uint8Array): SentencePieceModelProto {
  const pieces: SentencePiece[] = [];
  let trainerSpec = defaultTrainerSpec();
  let normalizerSpec = defaultNormalizerSpec();
  const r = new ProtobufReader(bytes);
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) pieces.push(readPiece(r.message()));
    else if (field === 2 && wireType === WireType.lengthDelimited) trainerSpec = readTrainerSpec(r.message());
    else if (field === 3 && wireType === WireType.lengthDelimited) normalizerSpec = readNormalizerSpec(r.message());
    else r.skip(wireType);
  }
  return { pieces, trainerSpec, normalizerSpec };
}

function readPiece(r: ProtobufReader): SentencePiece {
  const p: SentencePiece = { piece: '', score: 0, type: PieceType.normal };
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) p.piece = r.string();
    else if (field === 2 && wireType === WireType.fixed32) p.score = r.float();
    else if (field === 3 && wireType === WireType.varint) p.type = r.int32() as PieceTypeValue;
    else r.skip(wireType);
  }
  return p;
}

function defaultTrainerSpec(): TrainerSpec {
  return {
    modelType: 1,
    vocabSize: 8000,
    treatWhitespaceAsSuffix: false,
    byteFallback: false,
    unkId: 0,
    bosId: 1,
    eosId: 2,
    padId: -1,
    unkPiece: '<unk>',
    bosPiece: '<s>',
    eosPiece: '</s>',
    padPiece: '<pad>',
  };
}

function readTrainerSpec(r: ProtobufReader): TrainerSpec {
  const t = defaultTrainerSpec();
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (wireType === WireType.varint) {
      if (field === 3) t.modelType = r.int32();
      else if (field === 4) t.vocabSize = r.int32();
      else if (field === 24) t.treatWhitespaceAsSuffix = r.bool();
      else if (field === 35) t.byteFallback = r.bool();
      else if (field === 40) t.unkId = r.int32();
      else if (field === 41) t.bosId = r.int32();
      else if (field === 42) t.eosId = r.int32();
      else if (field === 43) t.padId = r.int32();
      else r.skip(wireType);
    } else if (wireType === WireType.lengthDelimited) {
      if (field === 45) t.unkPiece = r.string();
      else if (field === 46) t.bosPiece = r.string();
      else if (field === 47) t.eosPiece = r.string();
      else if (field === 48) t.padPiece = r.string();
      else r.skip(wireType);
    } else r.skip(wireType);
  }
  return t;
}

function defaultNormalizerSpec(): NormalizerSpec {
  return {
    name: '',
    precompiledCharsmap: new Uint8Array(0),
    addDummyPrefix: true,
    removeExtraWhitespaces: true,
    escapeWhitespaces: true,
  };
}

function readNormalizerSpec(r: ProtobufReader): NormalizerSpec {
  const n = defaultNormalizerSpec();
  while (!r.done) {
    const { field, wireType } = r.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) n.name = r.string();
    else if (field === 2 && wireType === WireType.lengthDelimited) n.precompiledCharsmap = r.bytesField();
    else if (field === 3 && wireType === WireType.varint) n.addDummyPrefix = r.bool();
    else if (field === 4 && wireType === WireType.varint) n.removeExtraWhitespaces = r.bool();
    else if (field === 5 && wireType === WireType.varint) n.escapeWhitespaces = r.bool();
    else r.skip(wireType);
  }
  return n;
}
