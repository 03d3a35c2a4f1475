import { pythonJsonDumps } from '../io/pythonJson.js';
import type { PreTrainedTokenizerBase } from './PreTrainedTokenizerBase.js';
import { type AddedTokenSpec, SPECIAL_TOKEN_NAMES, VERY_LARGE_INTEGER } from './TokenizerConfig.js';
import { TokenizerFileError } from './TokenizerError.js';

const CONFIG = 'tokenizer_config.json';
const MAP = 'special_tokens_map.json';
const MODEL_FILES = ['sentencepiece.bpe.model', 'tokenizer.json'] as const;
const ADDED = 'added_tokens.json';

function parsed(tokenizer: PreTrainedTokenizerBase, name: string): Record<string, unknown> | undefined {
  const bytes = tokenizer.sourceFiles.get(name);
  return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) : undefined;
}

function addedToken(tok: AddedTokenSpec): unknown {
  if (tok.plain) return tok.content;
  return tokenDict(tok);
}

/** HF's `AddedToken.__getstate__` without `special`, as special_tokens_map.json stores tokens. */
function tokenDict(tok: AddedTokenSpec): Record<string, unknown> {
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
  const changed = tokenizer.tokensChangedSinceLoad;
  if (changed) {
    // As HF's save_pretrained after add_tokens / add_special_tokens: every added token in added_tokens_decoder, the
    // special token attributes and additional_special_tokens by their text.
    config.added_tokens_decoder = Object.fromEntries([...tokenizer.addedTokensDecoder].map(([id, t]) => [String(id), { ...tokenDict(t), special: t.special }]));
    for (const k of SPECIAL_TOKEN_NAMES) if (c.specialTokens[k]) config[k] = c.specialTokens[k]?.content;
    if (c.additionalSpecialTokens.length > 0) config.additional_special_tokens = c.additionalSpecialTokens.map((t) => t.content);
  }
  out[CONFIG] = pythonJsonDumps(config, { ensureAscii: false });
  const loadedMap = changed ? undefined : parsed(tokenizer, MAP);
  const map = loadedMap ?? {
    ...Object.fromEntries(SPECIAL_TOKEN_NAMES.flatMap((k) => (c.specialTokens[k] ? [[k, changed ? tokenDict(c.specialTokens[k]) : addedToken(c.specialTokens[k] as AddedTokenSpec)]] : []))),
    ...(c.additionalSpecialTokens.length > 0 && { additional_special_tokens: c.additionalSpecialTokens.map(changed ? tokenDict : addedToken) }),
  };
  out[MAP] = pythonJsonDumps(map, { ensureAscii: false });
  for (const name of MODEL_FILES) {
    const bytes = tokenizer.sourceFiles.get(name);
    if (bytes) out[name] = bytes;
  }
  if (out['sentencepiece.bpe.model']) Object.assign(out, addedTokensFile(tokenizer));
  const json = out['tokenizer.json'];
  if (changed && json instanceof Uint8Array) out['tokenizer.json'] = withAddedTokens(json, tokenizer.addedTokensDecoder);
  if (!tokenizer.sourceFiles.has(tokenizer.source)) {
    throw new TokenizerFileError(tokenizer.source, 'cannot be saved: this tokenizer was not loaded by fromPretrained, so its vocabulary file is unknown');
  }
  return out;
}

/**
 * `added_tokens.json` ({content: id} of the tokens past the base vocabulary), which HF's slow save writes — and the
 * fast one when it also saves the SentencePiece model — when tokens were added; {} otherwise.
 */
export function addedTokensFile(tokenizer: PreTrainedTokenizerBase): Record<string, string> {
  if (!tokenizer.tokensChangedSinceLoad) return {};
  const added = Object.fromEntries([...tokenizer.addedTokensDecoder].filter(([id]) => id >= tokenizer.vocabSize).map(([id, t]) => [t.content, id]));
  return Object.keys(added).length > 0 ? { [ADDED]: pythonJsonDumps(added, { ensureAscii: false }) } : {};
}

/**
 * tokenizer.json with its top-level `added_tokens` array replaced by `tokens` (Rust's field order and, when the file is
 * pretty-printed as `Tokenizer.save` writes it, Rust's layout); every other byte is kept as loaded.
 */
function withAddedTokens(bytes: Uint8Array, tokens: Map<number, AddedTokenSpec>): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const span = topLevelArraySpan(text, 'added_tokens');
  if (span === null) throw new TokenizerFileError('tokenizer.json', 'cannot be saved with the added tokens: it has no top-level "added_tokens" array');
  const entries = [...tokens].map(([id, t]) => [
    ['id', id],
    ['content', t.content],
    ['single_word', t.singleWord],
    ['lstrip', t.lstrip],
    ['rstrip', t.rstrip],
    ['normalized', t.normalized],
    ['special', t.special],
  ]);
  const pretty = /^\[\s*\n/.test(text.slice(span[0], span[1]));
  const array = pretty
    ? `[\n${entries.map((e) => `    {\n${e.map(([k, v]) => `      ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n    }`).join(',\n')}\n  ]`
    : `[${entries.map((e) => `{${e.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`).join(',')}]`;
  return new TextEncoder().encode(text.slice(0, span[0]) + (entries.length === 0 ? '[]' : array) + text.slice(span[1]));
}

/** [start, end) of the array value of `key` in the top-level object of `text` (a JSON document), or null. */
function topLevelArraySpan(text: string, key: string): [number, number] | null {
  let depth = 0;
  let valueStart = -1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey && JSON.parse(text.slice(i, j + 1)) === key) {
        let k = j + 1;
        while (/\s/.test(text[k] ?? '')) k++;
        if (text[k] === ':') {
          k++;
          while (/\s/.test(text[k] ?? '')) k++;
          if (text[k] === '[') valueStart = k;
        }
      }
      expectKey = false;
      i = j;
      continue;
    }
    if (ch === '{' || ch === '[') {
      depth++;
      if (depth === 1) expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 1 && valueStart >= 0 && ch === ']') return [valueStart, i + 1];
    } else if (ch === ',' && depth === 1) expectKey = true;
  }
  return null;
}
