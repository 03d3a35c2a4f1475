import type { AltCLIPModel, Tensor } from '@altclip/core';
import type { AltCLIPProcessor, ImageInput } from '@altclip/processor';
import { PipelineArgumentError } from '../errors/PipelineArgumentError.js';
import { checkBoolean, checkOptions } from '../options/checkOptions.js';
import { normalizeLastDim } from './normalizeLastDim.js';

/**
 * - `'projection'` (default): HF's `get_image_features` [batch, projection_dim]; with `normalize: true`, `image_embeds`.
 * - `'cls'`: the vision model's `pooler_output` [batch, hidden] (post-layernorm class token).
 * - `'none'`: `last_hidden_state` [batch, 1 + patches, hidden].
 */
export type ImagePooling = 'projection' | 'cls' | 'none';

export interface ImageFeatureExtractionOptions {
  pooling?: ImagePooling;
  /** transformers.js' switch: `true` = `pooling: 'cls'` (pooler_output), `false` = `pooling: 'none'`. Not with `pooling`. */
  pool?: boolean;
  /** L2-normalise along the last dimension (default false). */
  normalize?: boolean;
}

export interface ImageFeatureExtractionPipeline {
  /** Always a batch-shaped tensor (one row for one image). */
  (images: ImageInput | readonly ImageInput[], options?: ImageFeatureExtractionOptions): Promise<Tensor<'float32'>>;
  readonly task: 'image-feature-extraction';
  /** Loaded with the vision tower only. */
  readonly model: AltCLIPModel;
  readonly processor: AltCLIPProcessor;
  dispose(): Promise<void>;
}

const IMAGE_POOLINGS: readonly string[] = ['projection', 'cls', 'none'];

/** Image embeddings from AltCLIP's vision tower (only that tower is loaded); images load as HF's `load_image` (EXIF applied). */
export function createImageFeatureExtractionPipeline(model: AltCLIPModel, processor: AltCLIPProcessor): ImageFeatureExtractionPipeline {
  const extract = async (images: ImageInput | readonly ImageInput[], options: ImageFeatureExtractionOptions = {}) => {
    checkOptions(options, 'options', ['pooling', 'pool', 'normalize'], { timeout: 'not implemented: fetch the image yourself and pass its bytes' });
    const pool = checkBoolean(options.pool, 'pool');
    if (pool !== undefined && options.pooling !== undefined) throw new PipelineArgumentError('pool', "give either 'pool' (transformers.js) or 'pooling', not both");
    const pooling = options.pooling ?? (pool === undefined ? 'projection' : pool ? 'cls' : 'none');
    if (!IMAGE_POOLINGS.includes(pooling)) {
      throw new PipelineArgumentError('pooling', `expected one of ${IMAGE_POOLINGS.map((p) => `'${p}'`).join(', ')}, got ${JSON.stringify(pooling)}`);
    }
    const normalize = checkBoolean(options.normalize, 'normalize') ?? false;
    const list = (Array.isArray(images) ? images : [images]) as readonly ImageInput[];
    if (list.length === 0) throw new PipelineArgumentError('images', 'expected at least one image');
    const { pixelValues } = await processor({ images: list, applyExifOrientation: true });
    const { features, visionModelOutput } = await model.encodeImages({ pixelValues });
    const out = pooling === 'projection' ? features : pooling === 'cls' ? visionModelOutput.poolerOutput : visionModelOutput.lastHiddenState;
    return normalize ? normalizeLastDim(out) : out;
  };
  return Object.assign(extract, { task: 'image-feature-extraction' as const, model, processor, dispose: () => model.dispose() });
}
