import type { AltCLIPModel, Tensor } from '@altclip/core';
import type { AltCLIPProcessor, BatchEncoding } from '@altclip/processor';
import { PipelineArgumentError } from '../errors/PipelineArgumentError.js';
import { checkBoolean, checkOptions } from '../options/checkOptions.js';
import { meanPool } from './meanPool.js';
import { normalizeLastDim } from './normalizeLastDim.js';

/**
 * - `'projection'` (default): HF's `get_text_features` [batch, projection_dim], the space images share;
 *   with `normalize: true` it is HF's `text_embeds`.
 * - `'cls'` / `'first_token'`: the text model's `pooler_output` [batch, project_dim] (its first token).
 * - `'mean'`: the attention-masked mean of `last_hidden_state` (transformers.js' mean pooling).
 * - `'none'`: `last_hidden_state` [batch, seq, project_dim].
 */
export type TextPooling = 'projection' | 'cls' | 'first_token' | 'mean' | 'none';

export interface FeatureExtractionOptions {
  pooling?: TextPooling;
  /** L2-normalise along the last dimension (default false, as transformers.js). */
  normalize?: boolean;
}

export interface FeatureExtractionPipeline {
  /** Always a batch-shaped tensor (one row for one text), as transformers.js returns. */
  (texts: string | readonly string[], options?: FeatureExtractionOptions): Promise<Tensor<'float32'>>;
  readonly task: 'feature-extraction';
  /** Loaded with the text tower only. */
  readonly model: AltCLIPModel;
  readonly processor: AltCLIPProcessor;
  dispose(): Promise<void>;
}

const TEXT_POOLINGS: readonly string[] = ['projection', 'cls', 'first_token', 'mean', 'none'];

/** Text embeddings from AltCLIP's text tower (only that tower is loaded). */
export function createFeatureExtractionPipeline(model: AltCLIPModel, processor: AltCLIPProcessor): FeatureExtractionPipeline {
  const extract = async (texts: string | readonly string[], options: FeatureExtractionOptions = {}) => {
    checkOptions(options, 'options', ['pooling', 'normalize'], {
      quantize: 'not implemented: quantise the returned tensor yourself',
      precision: 'not implemented: quantise the returned tensor yourself',
      tokenizer_kwargs: 'not implemented: tokenize and call model.encodeText yourself',
    });
    const pooling = options.pooling ?? 'projection';
    if (!TEXT_POOLINGS.includes(pooling)) {
      throw new PipelineArgumentError('pooling', `expected one of ${TEXT_POOLINGS.map((p) => `'${p}'`).join(', ')}, got ${JSON.stringify(pooling)} (AltCLIP's text pooler is its first token; 'eos'/'last_token' have no HF counterpart here)`);
    }
    const normalize = checkBoolean(options.normalize, 'normalize') ?? false;
    const list = typeof texts === 'string' ? [texts] : texts;
    if (!Array.isArray(list) || list.length === 0 || list.some((t) => typeof t !== 'string')) {
      throw new PipelineArgumentError('texts', 'expected a string or a non-empty array of strings');
    }
    const encoding = (await processor({ text: list as string[], padding: true })) as BatchEncoding;
    const { features, textModelOutput } = await model.encodeText({ inputIds: encoding.inputIds, attentionMask: encoding.attentionMask });
    let out: Tensor<'float32'>;
    if (pooling === 'projection') out = features;
    else if (pooling === 'cls' || pooling === 'first_token') out = textModelOutput.poolerOutput;
    else if (pooling === 'mean') out = meanPool(textModelOutput.lastHiddenState, encoding.attentionMask!);
    else out = textModelOutput.lastHiddenState;
    return normalize ? normalizeLastDim(out) : out;
  };
  return Object.assign(extract, { task: 'feature-extraction' as const, model, processor, dispose: () => model.dispose() });
}
