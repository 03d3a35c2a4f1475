import { type AltCLIPModel, l2Normalize, Tensor, type TowerName } from '@altclip/core';
import type { AltCLIPProcessor, AltCLIPProcessorOutput } from '@altclip/processor';
import { CliError } from '../cli/CliError.js';
import { encodeTexts } from '../pipeline/encodeTexts.js';
import { loadModel } from '../pipeline/loadModel.js';
import { loadProcessor } from '../pipeline/loadProcessor.js';
import type { StoreMeta } from '../store/StoreMeta.js';

/** An image query whose bytes the processor cannot decode (the client's mistake, not the server's). */
export class QueryImageError extends CliError {
  override name = 'QueryImageError';
}

/**
 * Turns queries into vectors of a store's embedding space: the store's model at the store's dtype (an int8
 * store gets int8 queries). Each tower is loaded on its first use and only then (core's `towers` option), so
 * text search never reads the vision tower's weights: at full size that is 1.2 GB of 3.3 GB of fp32 weights
 * (core's README). An image query loads the vision tower once, beside the text tower, and keeps it.
 */
export class QueryEncoder {
  readonly #towers = new Map<TowerName, Promise<AltCLIPModel>>();

  private constructor(
    private readonly meta: StoreMeta,
    private readonly backend: string,
    private readonly processor: AltCLIPProcessor,
  ) {}

  static async load(meta: StoreMeta, backend: string): Promise<QueryEncoder> {
    return new QueryEncoder(meta, backend, await loadProcessor(meta.model));
  }

  /** The towers loaded (or loading) so far. */
  get loadedTowers(): TowerName[] {
    return (['text', 'vision'] as const).filter((t) => this.#towers.has(t));
  }

  /** Loads a tower now (a server does this for text at startup, so that a broken model fails before it listens). */
  async warm(tower: TowerName): Promise<void> {
    await this.#model(tower);
  }

  #model(tower: TowerName): Promise<AltCLIPModel> {
    let model = this.#towers.get(tower);
    if (!model) {
      // Concurrent first queries share one load; a failed load is forgotten so that the next query retries it.
      model = loadModel(this.meta.model, this.backend, this.meta.dtype, [tower]);
      model.catch(() => this.#towers.delete(tower));
      this.#towers.set(tower, model);
    }
    return model;
  }

  /** L2-normalised text embeddings, one row per text (texts longer than the model's positions are truncated). */
  async texts(texts: readonly string[]): Promise<Float32Array[]> {
    const model = await this.#model('text');
    const maxLength = model.config.text_config.max_position_embeddings - 2;
    const out = l2Normalize(await model.getTextFeatures(await encodeTexts(this.processor, texts, maxLength)));
    const dim = out.dims[1];
    return texts.map((_, i) => out.data.slice(i * dim, (i + 1) * dim) as Float32Array);
  }

  /** L2-normalised embedding of one encoded image file (PNG, JPEG, WebP, GIF bytes). */
  async image(bytes: Uint8Array): Promise<Float32Array> {
    let pixelValues: AltCLIPProcessorOutput['pixelValues'];
    try {
      ({ pixelValues } = await this.processor({ images: bytes }));
    } catch (error) {
      throw new QueryImageError(`image: cannot be decoded (${(error as Error).message.split('\n')[0]})`);
    }
    if (!pixelValues) throw new QueryImageError('image: the processor returned no pixel values');
    const model = await this.#model('vision');
    const out = l2Normalize(await model.getImageFeatures({ pixelValues: new Tensor('float32', pixelValues.data, pixelValues.dims) }));
    return out.data.slice() as Float32Array;
  }

  async dispose(): Promise<void> {
    const loaded = await Promise.allSettled(this.#towers.values());
    this.#towers.clear();
    for (const m of loaded) if (m.status === 'fulfilled') await m.value.dispose();
  }
}
