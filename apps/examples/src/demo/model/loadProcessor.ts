import type { ModelFiles } from '@altclip/core';
import { AltCLIPProcessor, CLIPImageProcessor, loadTokenizer, PREPROCESSOR_CONFIG_FILE, type CLIPImageProcessorDict } from '@altclip/processor';
import { DemoInputError } from '../DemoInputError.js';

const TOKENIZER_FILES = ['tokenizer.json', 'sentencepiece.bpe.model'];
const TOKENIZER_EXTRAS = ['tokenizer_config.json', 'special_tokens_map.json'];

async function readBytes(files: ModelFiles, filename: string): Promise<Uint8Array | null> {
  const source = await files.open(filename);
  if (!source) return null;
  try {
    return await source.read(0, source.size);
  } finally {
    await source.close?.();
  }
}

/**
 * The processor of a model folder that is not a path or URL (a picked folder, or files
 * fetched by the page): `AltCLIPProcessor.fromPretrained` only takes a path or URL, so the
 * same files are gathered here and handed to the image processor and tokenizer loaders.
 */
export async function loadProcessor(files: ModelFiles): Promise<AltCLIPProcessor> {
  const configBytes = await readBytes(files, PREPROCESSOR_CONFIG_FILE);
  if (!configBytes) throw new DemoInputError(`model folder ${files.name}: ${PREPROCESSOR_CONFIG_FILE} not found`);
  let dict: CLIPImageProcessorDict;
  try {
    dict = JSON.parse(new TextDecoder().decode(configBytes)) as CLIPImageProcessorDict;
  } catch (error) {
    throw new DemoInputError(`${files.name}/${PREPROCESSOR_CONFIG_FILE}: not valid JSON (${(error as Error).message})`);
  }
  const imageProcessor = CLIPImageProcessor.fromDict(dict, `${files.name}/${PREPROCESSOR_CONFIG_FILE}`);

  const tokenizerFiles: Record<string, Uint8Array> = {};
  // The first tokenizer file found is enough: don't fetch the 5 MB sentencepiece model when tokenizer.json exists.
  for (const filename of TOKENIZER_FILES) {
    const bytes = await readBytes(files, filename);
    if (bytes) {
      tokenizerFiles[filename] = bytes;
      break;
    }
  }
  if (Object.keys(tokenizerFiles).length === 0) throw new DemoInputError(`model folder ${files.name}: neither ${TOKENIZER_FILES.join(' nor ')} found`);
  for (const filename of TOKENIZER_EXTRAS) {
    const bytes = await readBytes(files, filename);
    if (bytes) tokenizerFiles[filename] = bytes;
  }
  return new AltCLIPProcessor(imageProcessor, await loadTokenizer({ files: tokenizerFiles }));
}
