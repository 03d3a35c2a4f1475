import type { VisionTowerInputs } from '@altclip/core';
import { TowerInputError } from '../errors/TowerInputError.js';
import { formatDims } from '../inputs/expectDims.js';
import type { VisionDims } from './VisionDims.js';

export interface VisionInputArrays {
  readonly dims: [number, number, number, number];
  readonly pixels: Float32Array;
  /** [1 + gridH·gridW, hidden] when core interpolated the table for this image size. */
  readonly positionEmbedding?: Float32Array;
  readonly positions: number;
}

/**
 * Validates pixel values (and an interpolated position table) against the loaded config:
 * the patch count must match the position table's rows, as HF's embeddings require.
 */
export function visionInputArrays(inputs: VisionTowerInputs, d: VisionDims): VisionInputArrays {
  const px = inputs.pixelValues;
  if (px.dtype !== 'float32') throw new TowerInputError(`pixelValues: expected a float32 tensor, got ${px.dtype}`);
  if (px.dims.length !== 4 || px.dims[0] < 1) {
    throw new TowerInputError(`pixelValues: expected a non-empty [batch, channels, height, width] tensor, got ${formatDims(px.dims)}`);
  }
  const [batch, channels, height, width] = px.dims;
  if (channels !== d.channels) {
    throw new TowerInputError(`pixelValues: expected ${d.channels} channels (vision_config.num_channels), got shape ${formatDims(px.dims)}`);
  }
  if (height < d.patch || width < d.patch) {
    throw new TowerInputError(`pixelValues: image ${height}×${width} is smaller than one ${d.patch}×${d.patch} patch (vision_config.patch_size)`);
  }
  const positions = 1 + Math.floor(height / d.patch) * Math.floor(width / d.patch);
  const table = inputs.positionEmbedding;
  if (table) {
    if (table.dtype !== 'float32' || table.dims.length !== 2 || table.dims[0] !== positions || table.dims[1] !== d.hidden) {
      throw new TowerInputError(
        `positionEmbedding: expected float32 [${positions}, ${d.hidden}] for a ${height}×${width} image, got ${table.dtype} ${formatDims(table.dims)}`,
      );
    }
  } else if (positions !== d.positions) {
    throw new TowerInputError(
      `pixelValues: a ${height}×${width} image gives ${positions - 1} patches but vision_config.image_size ${d.imageSize} has ${d.positions - 1}; ` +
        `resize to ${d.imageSize}×${d.imageSize} or pass an interpolated positionEmbedding`,
    );
  }
  return {
    dims: [batch, channels, height, width],
    pixels: px.data as Float32Array,
    positionEmbedding: table ? (table.data as Float32Array) : undefined,
    positions,
  };
}
