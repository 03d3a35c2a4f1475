import { type ModelFiles, resolveModelFiles } from '@altclip/core';
import { AltCLIPProcessor, CLIPImageProcessor, loadTokenizer, PREPROCESSOR_CONFIG_FILE } from '@altclip/processor';
import { CliError } from '../cli/CliError.js';

export type TokenizerChoice = 'fast' | 'slow';

const TOKENIZER_FILES = ['tokenizer.json', 'sentencepiece.bpe.model', 'tokenizer_config.json', 'special_tokens_map.json'];

/**
 * HF's AutoProcessor picks the fast tokenizer (tokenizer.json) when the folder has one; `--tokenizer slow`
 * picks the SentencePiece model. A hub id is fetched through core's hub client (same cache as the weights).
 */
export async function loadProcessor(source: string, tokenizer: unknown = 'fast', hub = false): Promise<AltCLIPProcessor> {
  if (tokenizer !== 'fast' && tokenizer !== 'slow') throw new CliError(`--tokenizer: expected "fast" or "slow", got "${tokenizer}"`);
  if (!hub) return AltCLIPProcessor.fromPretrained(source, { prefer: tokenizer });
  return processorFromFiles(await resolveModelFiles(source), tokenizer);
}

async function processorFromFiles(files: ModelFiles, prefer: TokenizerChoice): Promise<AltCLIPProcessor> {
  const read = async (name: string) => {
    const source = await files.open(name);
    return source ? source.read(0, source.size) : null;
  };
  const configBytes = await read(PREPROCESSOR_CONFIG_FILE);
  if (!configBytes) throw new CliError(`${files.name}: no ${PREPROCESSOR_CONFIG_FILE}`);
  const imageProcessor = new CLIPImageProcessor(JSON.parse(new TextDecoder().decode(configBytes)), `${files.name}/${PREPROCESSOR_CONFIG_FILE}`);
  const tokenizerFiles: Record<string, Uint8Array> = {};
  for (const name of TOKENIZER_FILES) {
    const bytes = await read(name);
    if (bytes) tokenizerFiles[name] = bytes;
  }
  return new AltCLIPProcessor(imageProcessor, await loadTokenizer({ files: tokenizerFiles }, { prefer }));
}

export const tokenizerOption = {
  type: 'string',
  description: 'fast (tokenizer.json, as HF AutoProcessor) or slow (sentencepiece.bpe.model)',
  default: 'fast',
  valueName: 'fast|slow',
} as const;
