import type { ModelSource } from '@altclip/core';
import { PipelineArgumentError } from './errors/PipelineArgumentError.js';
import { loadPipelineParts } from './loadPipelineParts.js';
import type { PipelineOptions } from './PipelineOptions.js';
import { createFeatureExtractionPipeline, type FeatureExtractionPipeline } from './pipelines/FeatureExtractionPipeline.js';
import { createImageFeatureExtractionPipeline, type ImageFeatureExtractionPipeline } from './pipelines/ImageFeatureExtractionPipeline.js';
import { createZeroShotImageClassificationPipeline, type ZeroShotImageClassificationPipeline } from './pipelines/ZeroShotImageClassificationPipeline.js';

export interface PipelinesByTask {
  'zero-shot-image-classification': ZeroShotImageClassificationPipeline;
  'feature-extraction': FeatureExtractionPipeline;
  'image-feature-extraction': ImageFeatureExtractionPipeline;
}

export type PipelineTask = keyof PipelinesByTask;

const TOWERS = {
  'zero-shot-image-classification': ['text', 'vision'],
  'feature-extraction': ['text'],
  'image-feature-extraction': ['vision'],
} as const;

/**
 * transformers.js' `pipeline(task, model, options)` for AltCLIP. `model` is a local folder (Node), a Hub repo id
 * or a `ModelFiles`; the processor and the weights come from the same files. Each task loads only the towers
 * it uses (feature-extraction: the text tower; image-feature-extraction: the vision tower).
 */
export async function pipeline<T extends PipelineTask>(task: T, model: ModelSource, options: PipelineOptions): Promise<PipelinesByTask[T]> {
  if (!Object.hasOwn(TOWERS, task)) {
    throw new PipelineArgumentError('task', `unsupported task ${JSON.stringify(task)} (AltCLIP supports ${Object.keys(TOWERS).map((t) => `'${t}'`).join(', ')})`);
  }
  const { model: loaded, processor } = await loadPipelineParts(model, options, TOWERS[task]);
  const create = {
    'zero-shot-image-classification': createZeroShotImageClassificationPipeline,
    'feature-extraction': createFeatureExtractionPipeline,
    'image-feature-extraction': createImageFeatureExtractionPipeline,
  }[task];
  return create(loaded, processor) as PipelinesByTask[T];
}
