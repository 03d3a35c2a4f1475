/** A [N, K] matrix in ORT MatMulNBits' 4-bit layout. */
export interface Int4Blocks {
  /** uint8 [N, blocksPerRow, blockSize / 2]: two values a byte, the first in the low nibble. */
  readonly packed: Uint8Array;
  /** float32 [N · blocksPerRow]. */
  readonly scales: Float32Array;
  /** uint8 [N · ceil(blocksPerRow / 2)], low nibble first; only with zero points (asymmetric). */
  readonly zeroPoints?: Uint8Array;
  readonly blocksPerRow: number;
}

/**
 * Quantises a row-major [rows = N, cols = K] matrix (a PyTorch Linear weight [out, in], which is
 * MatMulNBits' B layout already) to 4 bits in blocks of `blockSize` along K, one float32 scale per
 * block — exactly what core's Int8Simulation does for the int4 schemes (Int8Scheme docs):
 * symmetric: scale = max|w| / 7, q = clamp(round(w / scale), −8, 7) + 8 (ORT's default zero point 8);
 * asymmetric: scale = (max − min) / 15 with 0 in the range, zp = round(−min / scale),
 * q = clamp(round(w / scale) + zp, 0, 15). The last block is zero-padded when K is not a multiple.
 */
export function quantizeInt4Blocks(data: Float32Array, rows: number, cols: number, blockSize: number, asymmetric: boolean): Int4Blocks {
  if (blockSize % 2 !== 0) throw new RangeError(`quantizeInt4Blocks: blockSize must be even, got ${blockSize}`);
  const blocksPerRow = Math.ceil(cols / blockSize);
  const blob = blockSize / 2;
  const packed = new Uint8Array(rows * blocksPerRow * blob);
  const scales = new Float32Array(rows * blocksPerRow);
  const zpBytes = Math.ceil(blocksPerRow / 2);
  const zeroPoints = asymmetric ? new Uint8Array(rows * zpBytes) : undefined;
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < blocksPerRow; b++) {
      const start = r * cols + b * blockSize;
      const end = r * cols + Math.min(cols, (b + 1) * blockSize);
      let lo = 0;
      let hi = 0;
      let maxAbs = 0;
      for (let i = start; i < end; i++) {
        const w = data[i];
        if (w < lo) lo = w;
        if (w > hi) hi = w;
        const a = Math.abs(w);
        if (a > maxAbs) maxAbs = a;
      }
      const scale = Math.fround(asymmetric ? (hi - lo) / 15 : maxAbs / 7);
      const zp = asymmetric ? (scale > 0 ? Math.min(15, Math.max(0, Math.round(-lo / scale))) : 0) : 8;
      scales[r * blocksPerRow + b] = scale;
      if (zeroPoints) zeroPoints[r * zpBytes + (b >> 1)] |= zp << ((b & 1) * 4);
      const out = (r * blocksPerRow + b) * blob;
      for (let j = 0; j < blockSize; j++) {
        const i = start + j;
        // Padding (beyond K) and all-zero blocks store the zero point: they dequantise to 0.
        let q = zp;
        if (i < end && scale > 0) q = asymmetric ? Math.min(15, Math.max(0, Math.round(data[i] / scale) + zp)) : Math.min(7, Math.max(-8, Math.round(data[i] / scale))) + 8;
        packed[out + (j >> 1)] |= q << ((j & 1) * 4);
      }
    }
  }
  return { packed, scales, zeroPoints, blocksPerRow };
}

/** Inverse of quantizeInt4Blocks (tests, and checking a graph's weights). */
export function dequantizeInt4Blocks(q: Int4Blocks, rows: number, cols: number, blockSize: number): Float32Array {
  const out = new Float32Array(rows * cols);
  const zpBytes = Math.ceil(q.blocksPerRow / 2);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const b = Math.floor(c / blockSize);
      const j = c % blockSize;
      const byte = q.packed[(r * q.blocksPerRow + b) * (blockSize / 2) + (j >> 1)];
      const value = (byte >> ((j & 1) * 4)) & 15;
      const zp = q.zeroPoints ? (q.zeroPoints[r * zpBytes + (b >> 1)] >> ((b & 1) * 4)) & 15 : 8;
      out[r * cols + c] = (value - zp) * q.scales[r * q.blocksPerRow + b];
    }
  }
  return out;
}
