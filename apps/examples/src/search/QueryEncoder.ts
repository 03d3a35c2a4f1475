import { type AltCLIPModel, l2Normalize, Tensor } from '@altclip/core';
import type { AltCLIPProcessor } from '@altclip/processor';
import { encodeTexts } from '../pipeline/encodeTexts.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';
import type { StoreMeta } from '../store/StoreMeta.js';

/**
 * Turns queries into vectors of a store's embedding space: the store's model at the store's dtype (an int8
 * store gets int8 queries). Text queries run only the text tower and projection; the vision tower's weights
 * are still loaded, because core loads both towers together (one-tower loading is being added to core in
 * parallel; this class is the one place to switch over).
 */
export class QueryEncoder {
  private constructor(
    private readonly model: AltCLIPModel,
    private readonly processor: AltCLIPProcessor,
  ) {}

  static async load(meta: StoreMeta, backend: string): Promise<QueryEncoder> {
    const processor = await loadProcessor(meta.model);
    return new QueryEncoder(await loadModel(meta.model, backend, meta.dtype), processor);
  }

  /** L2-normalised text embeddings, one row per text (texts longer than the model's positions are truncated). */
  async texts(texts: readonly string[]): Promise<Float32Array[]> {
    const maxLength = this.model.config.text_config.max_position_embeddings - 2;
    const out = l2Normalize(await this.model.getTextFeatures(await encodeTexts(this.processor, texts, maxLength)));
    const dim = out.dims[1];
    return texts.map((_, i) => out.data.slice(i * dim, (i + 1) * dim) as Float32Array);
  }

  /** L2-normalised embedding of one encoded image file (PNG, JPEG, WebP, GIF bytes). */
  async image(bytes: Uint8Array): Promise<Float32Array> {
    const { pixelValues } = await this.processor({ images: bytes });
    if (!pixelValues) throw new Error('the processor returned no pixel values');
    const out = l2Normalize(await this.model.getImageFeatures({ pixelValues: new Tensor('float32', pixelValues.data, pixelValues.dims) }));
    return out.data.slice() as Float32Array;
  }

  dispose(): Promise<void> {
    return this.model.dispose();
  }
}
