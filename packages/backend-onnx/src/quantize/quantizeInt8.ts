/** Symmetric int8 quantisation along one axis: value ≈ q · scale[channel]. */
export interface Int8Quantized {
  readonly values: Int8Array;
  readonly scales: Float32Array;
}

/**
 * Quantises a row-major [rows, cols] matrix with one scale per column (`axis` 1) or per
 * row (`axis` 0), symmetric around zero: scale = max|x| / 127. Symmetric weights keep
 * the zero point 0, which the integer matmul kernels need for their fast path.
 */
export function quantizeInt8(data: Float32Array, rows: number, cols: number, axis: 0 | 1): Int8Quantized {
  const channels = axis === 1 ? cols : rows;
  const maxAbs = new Float32Array(channels);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const a = Math.abs(data[r * cols + c]);
      const ch = axis === 1 ? c : r;
      if (a > maxAbs[ch]) maxAbs[ch] = a;
    }
  }
  const scales = new Float32Array(channels);
  const inverse = new Float32Array(channels);
  for (let ch = 0; ch < channels; ch++) {
    scales[ch] = maxAbs[ch] > 0 ? maxAbs[ch] / 127 : 1;
    inverse[ch] = 1 / scales[ch];
  }
  const values = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const ch = axis === 1 ? c : r;
      const q = Math.round(data[r * cols + c] * inverse[ch]);
      values[r * cols + c] = Math.min(127, Math.max(-127, q));
    }
  }
  return { values, scales };
}
