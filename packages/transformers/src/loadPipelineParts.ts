import { AltCLIPModel, type ModelSource, resolveModelFiles, type TowerName } from '@altclip/core';
import { AltCLIPProcessor } from '@altclip/processor';
import { PipelineArgumentError } from './errors/PipelineArgumentError.js';
import { checkOptions } from './options/checkOptions.js';
import { PIPELINE_OPTION_KEYS, type PipelineOptions, REFUSED_PIPELINE_OPTIONS } from './PipelineOptions.js';

export interface PipelineParts {
  readonly model: AltCLIPModel;
  readonly processor: AltCLIPProcessor;
}

/**
 * Resolves the source once (local folder, Hub id or ModelFiles) and loads the processor and the towers the
 * task needs from the same files, so both come from one revision and one cache.
 */
export async function loadPipelineParts(source: ModelSource, options: PipelineOptions, towers: readonly TowerName[]): Promise<PipelineParts> {
  checkOptions(options, 'options', PIPELINE_OPTION_KEYS, REFUSED_PIPELINE_OPTIONS);
  if (options?.backend === undefined || options.backend === null) {
    throw new PipelineArgumentError('options.backend', 'required: pass the backend that computes (e.g. createOnnxNodeBackend()) or the name of one you registered');
  }
  const { tokenizer, ...modelOptions } = options;
  if (tokenizer !== undefined && tokenizer !== 'fast' && tokenizer !== 'slow') {
    throw new PipelineArgumentError('options.tokenizer', `expected 'fast' or 'slow', got ${JSON.stringify(tokenizer)}`);
  }
  const files = await resolveModelFiles(source, options);
  const processor = await AltCLIPProcessor.fromPretrained(files, { prefer: tokenizer });
  const model = await AltCLIPModel.fromPretrained(files, { ...modelOptions, towers });
  return { model, processor };
}
