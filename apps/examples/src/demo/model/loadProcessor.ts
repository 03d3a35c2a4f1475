import { type ModelFiles, readFileBytes } from '@altclip/core';
import { AltCLIPProcessor } from '@altclip/processor';

/** The processor of a model folder that is not a path or URL: a picked folder, or files fetched by the page. */
export function loadProcessor(files: ModelFiles): Promise<AltCLIPProcessor> {
  return AltCLIPProcessor.fromFiles((name) => readFileBytes(files, name), { name: files.name });
}
