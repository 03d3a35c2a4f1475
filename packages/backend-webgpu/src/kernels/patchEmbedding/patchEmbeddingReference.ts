/** Float64 Conv2d(stride = kernel = patch, no bias) + class token + position embedding → [B·tokens, hidden]. */
export function patchEmbeddingReference(
  pixels: Float32Array,
  [B, C, H, W]: readonly number[],
  weight: Float32Array,
  hidden: number,
  patch: number,
  classEmbedding: Float32Array,
  position: Float32Array,
): Float32Array {
  const gridH = Math.floor(H / patch);
  const gridW = Math.floor(W / patch);
  const tokens = 1 + gridH * gridW;
  const out = new Float32Array(B * tokens * hidden);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < tokens; t++) {
      for (let h = 0; h < hidden; h++) {
        let v = 0;
        if (t === 0) {
          v = classEmbedding[h];
        } else {
          const y0 = Math.floor((t - 1) / gridW) * patch;
          const x0 = ((t - 1) % gridW) * patch;
          for (let c = 0; c < C; c++) {
            for (let ky = 0; ky < patch; ky++) {
              for (let kx = 0; kx < patch; kx++) {
                v += pixels[((b * C + c) * H + y0 + ky) * W + x0 + kx] * weight[((h * C + c) * patch + ky) * patch + kx];
              }
            }
          }
        }
        out[(b * tokens + t) * hidden + h] = v + position[t * hidden + h];
      }
    }
  }
  return out;
}
