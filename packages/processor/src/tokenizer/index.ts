export { XLMRobertaTokenizer, SENTENCEPIECE_FILE } from './XLMRobertaTokenizer.js';
export { XLMRobertaTokenizerFast, TOKENIZER_JSON_FILE } from './XLMRobertaTokenizerFast.js';
export { loadTokenizer, type LoadTokenizerOptions } from './loadTokenizer.js';
export {
  PreTrainedTokenizerBase,
  type BatchEncoding,
  type CallOptions,
  type DecodeOptions,
  type EncodeOptions,
  type Encoding,
  type IdsLike,
  type Int64Tensor,
  type PaddingOption,
  type TensorEncoding,
  type TokenizerLogger,
  type TruncationOption,
} from './PreTrainedTokenizerBase.js';
export { TokenizerError, TokenizerFileError, UnsupportedTokenizerError, TokenizerArgumentError } from './TokenizerError.js';
export type { TokenizerSource } from './files/TokenizerFiles.js';
export type { TokenizerConfig, AddedTokenSpec } from './TokenizerConfig.js';
export { SentencePieceProcessor } from './sentencepiece/SentencePieceProcessor.js';
export { parseSentencePieceModel, type SentencePieceModelProto } from './sentencepiece/SentencePieceModelProto.js';
