import { Tensor } from '../tensor/Tensor.js';
import { bicubicResize } from './bicubicResize.js';

/**
 * HF's `AltCLIPVisionEmbeddings.interpolate_pos_encoding` (v4.47.1): keeps the
 * class position, bicubically resizes the square patch-position grid to
 * (height // patch, width // patch). Returns undefined when HF would use the
 * table unchanged (same patch count and a square image).
 */
export function interpolatePositionEmbedding(
  positionEmbedding: Tensor,
  height: number,
  width: number,
  patchSize: number,
): Tensor<'float32'> | undefined {
  const [positions, dim] = positionEmbedding.dims;
  const numPositions = positions - 1;
  const newH = Math.floor(height / patchSize);
  const newW = Math.floor(width / patchSize);
  if (newH * newW === numPositions && height === width) return undefined;
  const side = Math.floor(Math.sqrt(numPositions));
  const src = positionEmbedding.data as Float32Array;
  // [side*side, dim] → channel-major [dim, side, side] for the resize, then back.
  const grid = new Float64Array(dim * side * side);
  for (let p = 0; p < side * side; p++) for (let c = 0; c < dim; c++) grid[c * side * side + p] = src[(1 + p) * dim + c];
  const resized = bicubicResize(grid, dim, side, side, newH, newW);
  const out = new Float32Array((1 + newH * newW) * dim);
  out.set(src.subarray(0, dim));
  for (let p = 0; p < newH * newW; p++) for (let c = 0; c < dim; c++) out[(1 + p) * dim + c] = resized[c * newH * newW + p];
  return new Tensor('float32', out, [1 + newH * newW, dim]);
}
