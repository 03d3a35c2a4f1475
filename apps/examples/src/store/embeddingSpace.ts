import { AltCLIPConfig } from '@altclip/config';
import { modelIdentity } from './modelIdentity.js';
import { STORE_FORMAT, type StoreMeta } from './StoreMeta.js';

/** The store header for vectors of `model` at `dtype`, read from config.json alone (no weights loaded). */
export async function embeddingSpace(model: string, dtype: string, folder: string): Promise<StoreMeta> {
  const config = await AltCLIPConfig.fromPretrained(model);
  return { format: STORE_FORMAT, model, modelId: modelIdentity(model), dtype, dim: config.projection_dim, imageSize: config.vision_config.image_size, folder };
}
