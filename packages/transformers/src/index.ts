// The entry package: transformers.js-style pipelines over @altclip/core (models) and @altclip/processor
// (tokenizer, image processor). Backends stay the caller's choice: none is a dependency.
export { pipeline, type PipelineTask, type PipelinesByTask } from './pipeline.js';
export type { PipelineOptions } from './PipelineOptions.js';
export { PipelineArgumentError } from './errors/PipelineArgumentError.js';
export {
  DEFAULT_HYPOTHESIS_TEMPLATE,
  type ZeroShotImageClassificationOptions,
  type ZeroShotImageClassificationPipeline,
  type ZeroShotImageClassificationResult,
  createZeroShotImageClassificationPipeline,
} from './pipelines/ZeroShotImageClassificationPipeline.js';
export { type FeatureExtractionOptions, type FeatureExtractionPipeline, type TextPooling, createFeatureExtractionPipeline } from './pipelines/FeatureExtractionPipeline.js';
export {
  type ImageFeatureExtractionOptions,
  type ImageFeatureExtractionPipeline,
  type ImagePooling,
  createImageFeatureExtractionPipeline,
} from './pipelines/ImageFeatureExtractionPipeline.js';

// The classes HF's own usage example needs, so one import covers it.
export { AltCLIPModel, Tensor, cosineSimilarity } from '@altclip/core';
export { AltCLIPProcessor } from '@altclip/processor';
