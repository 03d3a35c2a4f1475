import { readFileBytes, resolveModelFiles } from '@altclip/core';
import { AltCLIPProcessor } from '@altclip/processor';
import { CliError } from '../cli/CliError.js';

export type TokenizerChoice = 'fast' | 'slow';

/**
 * HF's AutoProcessor picks the fast tokenizer (tokenizer.json) when the folder has one; `--tokenizer slow`
 * picks the SentencePiece model. A hub id is fetched through core's hub client (same cache as the weights).
 */
export async function loadProcessor(source: string, tokenizer: unknown = 'fast', hub = false): Promise<AltCLIPProcessor> {
  if (tokenizer !== 'fast' && tokenizer !== 'slow') throw new CliError(`--tokenizer: expected "fast" or "slow", got "${tokenizer}"`);
  if (!hub) return AltCLIPProcessor.fromPretrained(source, { prefer: tokenizer });
  const files = await resolveModelFiles(source);
  return AltCLIPProcessor.fromFiles((name) => readFileBytes(files, name), { name: files.name, prefer: tokenizer });
}

export const tokenizerOption = {
  type: 'string',
  description: 'fast (tokenizer.json, as HF AutoProcessor) or slow (sentencepiece.bpe.model)',
  default: 'fast',
  valueName: 'fast|slow',
} as const;
