import { Tensor } from '@altclip/core';

/** transformers.js `mean_pooling`: the mean of `hidden` [batch, seq, dim] over the tokens whose mask is 1. */
export function meanPool(hidden: Tensor<'float32'>, mask: readonly (readonly number[])[]): Tensor<'float32'> {
  const [batch, seq, dim] = hidden.dims;
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    let count = 0;
    const acc = new Float64Array(dim);
    for (let s = 0; s < seq; s++) {
      if (!mask[b][s]) continue;
      count++;
      for (let i = 0; i < dim; i++) acc[i] += hidden.data[(b * seq + s) * dim + i];
    }
    for (let i = 0; i < dim; i++) out[b * dim + i] = acc[i] / Math.max(count, 1e-9);
  }
  return new Tensor('float32', out, [batch, dim]);
}
