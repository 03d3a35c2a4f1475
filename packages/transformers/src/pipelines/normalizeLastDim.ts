import { Tensor } from '@altclip/core';

/** `x / x.norm(p=2, dim=-1, keepdim=True)` (HF's text_embeds / image_embeds; transformers.js `normalize: true`). */
export function normalizeLastDim(x: Tensor<'float32'>): Tensor<'float32'> {
  const d = x.dims[x.dims.length - 1];
  const out = new Float32Array(x.size);
  for (let r = 0; r < x.size / d; r++) {
    let sum = 0;
    for (let i = 0; i < d; i++) sum += x.data[r * d + i] ** 2;
    const norm = Math.sqrt(sum);
    for (let i = 0; i < d; i++) out[r * d + i] = x.data[r * d + i] / norm;
  }
  return new Tensor('float32', out, x.dims);
}
