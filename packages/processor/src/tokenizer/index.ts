export type { TokenizerSource } from './files/TokenizerFiles.js';
export { type LoadTokenizerOptions, loadTokenizer } from './loadTokenizer.js';
export {
  type BatchEncoding,
  type CallOptions,
  type DecodeOptions,
  type EncodeOptions,
  type Encoding,
  type IdsLike,
  type Int64Tensor,
  type PaddingOption,
  PreTrainedTokenizerBase,
  type TensorEncoding,
  type TokenizerLogger,
  type TruncationOption,
} from './PreTrainedTokenizerBase.js';
export { parseSentencePieceModel, type SentencePieceModelProto } from './sentencepiece/SentencePieceModelProto.js';
export { SentencePieceProcessor } from './sentencepiece/SentencePieceProcessor.js';
export type { AddedTokenSpec, TokenizerConfig } from './TokenizerConfig.js';
export { TokenizerArgumentError, TokenizerError, TokenizerFileError, UnsupportedTokenizerError } from './TokenizerError.js';
export { SENTENCEPIECE_FILE, XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
export { TOKENIZER_JSON_FILE, XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';
