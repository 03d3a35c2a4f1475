import { ConfigJsonSyntaxError, parseConfigJson } from '@altclip/config';
import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';
import type { CLIPImageProcessorDict } from './CLIPImageProcessorConfig.js';

/**
 * `preprocessor_config.json` text → dict, read as transformers reads it: Python's `json.load`, which accepts `NaN`,
 * `Infinity` and `-Infinity` (plain `JSON.parse` refuses them). The parser is config.json's (`@altclip/config`), so
 * both files accept the same documents; a syntax error names the file, line and column.
 */
export function parsePreprocessorConfigJson(bytes: Uint8Array, file: string): CLIPImageProcessorDict {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ProcessorConfigError(file, 'invalid JSON (the file is not UTF-8 text)', { cause });
  }
  try {
    return parseConfigJson(text, file) as CLIPImageProcessorDict;
  } catch (cause) {
    if (cause instanceof ConfigJsonSyntaxError) throw new ProcessorConfigError(file, `invalid JSON (line ${cause.line}, column ${cause.column}: ${cause.reason})`, { cause });
    throw cause;
  }
}
