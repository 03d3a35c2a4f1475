import { Tensor } from '../tensor/Tensor.js';

/** Row-wise `x / x.norm(p=2, dim=-1, keepdim=True)` on a [batch, dim] tensor (accumulated in float64). */
export function l2Normalize(x: Tensor<'float32'>): Tensor<'float32'> {
  const [rows, dim] = x.dims;
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let i = 0; i < dim; i++) sum += x.data[r * dim + i] ** 2;
    const norm = Math.sqrt(sum);
    for (let i = 0; i < dim; i++) out[r * dim + i] = x.data[r * dim + i] / norm;
  }
  return new Tensor('float32', out, [rows, dim]);
}
