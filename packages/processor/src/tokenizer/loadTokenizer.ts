import type { ResolveOptions } from '@altclip/hub';
import { loadOptionsProblem } from '../io/loadOptionsProblem.js';
import { openSource, type TokenizerSource } from './files/TokenizerFiles.js';
import { TokenizerArgumentError, TokenizerFileError } from './TokenizerError.js';
import { SENTENCEPIECE_FILE, XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { TOKENIZER_JSON_FILE, XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';

/** `prefer`, plus the hub options (revision, cacheDir, localFilesOnly, token, onProgress, …) for a hub id. */
export interface LoadTokenizerOptions extends ResolveOptions {
  /**
   * `'fast'` (default, like `AutoTokenizer`): `tokenizer.json`, falling back to the model file;
   * `'slow'`: `sentencepiece.bpe.model`, falling back to `tokenizer.json`.
   * The returned tokenizer's `source` says which file was used.
   */
  prefer?: 'slow' | 'fast';
}

/** `AutoTokenizer`-like loader for XLM-R folders; picks the file as `prefer` says. */
export async function loadTokenizer(source: TokenizerSource, options: LoadTokenizerOptions = {}): Promise<XLMRobertaTokenizer | XLMRobertaTokenizerFast> {
  const problem = loadOptionsProblem(options, ['prefer']);
  if (problem) throw new TokenizerArgumentError(problem.key, problem.why);
  const prefer = options.prefer ?? 'fast';
  if (prefer !== 'slow' && prefer !== 'fast') throw new TokenizerArgumentError('prefer', `expected 'slow' or 'fast', got ${JSON.stringify(prefer)}`);
  // In-memory files are cheap to probe; for fs/URLs let each loader report its own missing file.
  const reader = openSource(source, options);
  const order = prefer === 'fast' ? ([TOKENIZER_JSON_FILE, SENTENCEPIECE_FILE] as const) : ([SENTENCEPIECE_FILE, TOKENIZER_JSON_FILE] as const);
  for (const file of order) {
    const bytes = await reader.read(file);
    if (bytes === null) continue;
    const files = { files: { [file]: bytes } as Record<string, Uint8Array> };
    for (const extra of ['tokenizer_config.json', 'special_tokens_map.json']) {
      const b = await reader.read(extra);
      if (b !== null) files.files[extra] = b;
    }
    return file === TOKENIZER_JSON_FILE ? XLMRobertaTokenizerFast.fromPretrained(files) : XLMRobertaTokenizer.fromPretrained(files);
  }
  throw new TokenizerFileError(order[0], `not found in ${reader.location}, and neither is ${order[1]}`);
}
