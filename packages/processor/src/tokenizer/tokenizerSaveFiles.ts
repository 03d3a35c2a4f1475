import { pythonJsonDumps } from '../io/pythonJson.js';
import type { PreTrainedTokenizerBase } from './PreTrainedTokenizerBase.js';
import { type AddedTokenSpec, SPECIAL_TOKEN_NAMES, VERY_LARGE_INTEGER } from './TokenizerConfig.js';
import { TokenizerFileError } from './TokenizerError.js';

const CONFIG = 'tokenizer_config.json';
const MAP = 'special_tokens_map.json';
const MODEL_FILES = ['sentencepiece.bpe.model', 'tokenizer.json'] as const;

function parsed(tokenizer: PreTrainedTokenizerBase, name: string): Record<string, unknown> | undefined {
  const bytes = tokenizer.sourceFiles.get(name);
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) : undefined;
}

function addedToken(tok: AddedTokenSpec): unknown {
  if (tok.plain) return tok.content;
  return { content: tok.content, lstrip: tok.lstrip, normalized: tok.normalized, rstrip: tok.rstrip, single_word: tok.singleWord };
}

/**
 * The files HF's `save_pretrained` writes for this tokenizer. The vocabulary files (`sentencepiece.bpe.model`,
 * `tokenizer.json`) are the bytes it was loaded from: HF copies the SentencePiece model, and re-serialises
 * tokenizer.json through the Rust library, whose output depends on its version (and orders some maps by hash), so the
 * loaded file is the stable choice. `tokenizer_config.json` and `special_tokens_map.json` are the loaded objects written
 * the way HF writes them (`json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`), which reproduces HF's output
 * for files HF wrote; `processorClass` is set as a processor's save sets it. A tokenizer loaded without those
 * files gets them built from its config (HF's keys, not byte-compared with HF).
 */
export function tokenizerSaveFiles(tokenizer: PreTrainedTokenizerBase, processorClass?: string): Record<string, Uint8Array | string> {
  const out: Record<string, Uint8Array | string> = {};
  const c = tokenizer.config;
  const config = parsed(tokenizer, CONFIG) ?? {
    clean_up_tokenization_spaces: c.cleanUpTokenizationSpaces,
    ...(c.modelMaxLength !== VERY_LARGE_INTEGER && { model_max_length: c.modelMaxLength }),
    tokenizer_class: c.tokenizerClass ?? 'XLMRobertaTokenizer',
    ...Object.fromEntries(SPECIAL_TOKEN_NAMES.flatMap((k) => (c.specialTokens[k] ? [[k, c.specialTokens[k]?.content]] : []))),
  };
  if (processorClass !== undefined) config.processor_class = processorClass;
  out[CONFIG] = pythonJsonDumps(config, { ensureAscii: false });
  const map = parsed(tokenizer, MAP) ?? {
    ...Object.fromEntries(SPECIAL_TOKEN_NAMES.flatMap((k) => (c.specialTokens[k] ? [[k, addedToken(c.specialTokens[k] as AddedTokenSpec)]] : []))),
    ...(c.additionalSpecialTokens.length > 0 && { additional_special_tokens: c.additionalSpecialTokens.map(addedToken) }),
  };
  out[MAP] = pythonJsonDumps(map, { ensureAscii: false });
  for (const name of MODEL_FILES) {
    const bytes = tokenizer.sourceFiles.get(name);
    if (bytes) out[name] = bytes;
  }
  if (!tokenizer.sourceFiles.has(tokenizer.source)) {
    throw new TokenizerFileError(tokenizer.source, 'cannot be saved: this tokenizer was not loaded by fromPretrained, so its vocabulary file is unknown');
  }
  return out;
}
