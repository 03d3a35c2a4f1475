import type { AltCLIPVisionConfig } from '@altclip/config';
import type { VisionTower, VisionTowerOutput } from '../backend/AltCLIPBackend.js';
import { InputValidationError } from '../errors/InputValidationError.js';
import { interpolatePositionEmbedding } from '../semantics/interpolatePositionEmbedding.js';
import { asTensor, Tensor, type TensorLike } from '../tensor/Tensor.js';
import { toFloat32 } from '../tensor/toFloat32.js';

export interface VisionInputs {
  /** float32 [batch, channels, height, width] (float64 is converted); a processor's `{dtype, dims, data}` works as is. */
  pixelValues: Tensor | TensorLike;
  interpolatePosEncoding?: boolean;
  outputHiddenStates?: boolean;
  outputAttentions?: boolean;
}

/**
 * Core's half of the vision tower: HF's size check, and the bicubic
 * interpolation of the position table when `interpolatePosEncoding` is set.
 */
export class VisionTowerSession {
  readonly #positionEmbedding: Tensor<'float32'>;

  constructor(
    readonly config: AltCLIPVisionConfig,
    readonly tower: VisionTower,
    positionEmbedding: Tensor,
  ) {
    // Only this small table is kept in core; the tower owns the other weights.
    this.#positionEmbedding = toFloat32(positionEmbedding);
  }

  async run(inputs: VisionInputs): Promise<VisionTowerOutput> {
    const config = this.config;
    const given = inputs.pixelValues;
    const isTensorLike = given instanceof Tensor || (typeof given === 'object' && given !== null && Array.isArray(given.dims) && ArrayBuffer.isView(given.data));
    const pixels = isTensorLike ? asTensor(given) : given;
    if (!(pixels instanceof Tensor) || (pixels.dtype !== 'float32' && pixels.dtype !== 'float64')) {
      throw new InputValidationError('pixelValues: expected a float32 tensor [batch, channels, height, width]');
    }
    if (pixels.dims.length !== 4) throw new InputValidationError(`pixelValues: expected 4 dimensions [batch, channels, height, width], got [${pixels.dims.join(', ')}]`);
    const [batch, channels, height, width] = pixels.dims;
    if (batch === 0) throw new InputValidationError('pixelValues: the batch is empty');
    if (channels !== config.num_channels) {
      throw new InputValidationError(`pixelValues: expected ${config.num_channels} channels (config num_channels), got ${channels}`);
    }
    const size = config.image_size;
    let positionEmbedding: Tensor<'float32'> | undefined;
    if (inputs.interpolatePosEncoding) {
      if (height < config.patch_size || width < config.patch_size) {
        throw new InputValidationError(`pixelValues: a ${height}×${width} image is smaller than one ${config.patch_size}-pixel patch`);
      }
      positionEmbedding = interpolatePositionEmbedding(this.#positionEmbedding, height, width, config.patch_size);
    } else if (height !== size || width !== size) {
      throw new InputValidationError(`Input image size (${height}*${width}) doesn't match model (${size}*${size}). Pass interpolatePosEncoding: true to resample the position embeddings.`);
    }
    return this.tower.run(
      { pixelValues: toFloat32(pixels), ...(positionEmbedding ? { positionEmbedding } : {}) },
      { outputHiddenStates: inputs.outputHiddenStates ?? false, outputAttentions: inputs.outputAttentions ?? false },
    );
  }

  dispose(): Promise<void> {
    return this.tower.dispose();
  }
}
