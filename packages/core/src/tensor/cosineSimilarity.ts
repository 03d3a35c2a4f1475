import { readNumbers } from './ops/readNumbers.js';
import { TensorOpError } from './ops/TensorOpError.js';
import { Tensor, type TensorLike } from './Tensor.js';

/** torch's `F.cosine_similarity` eps: each norm is clamped to at least this, so a zero vector gives 0, not NaN. */
const EPS = 1e-8;

/**
 * Pairwise cosine similarity of the rows of `a` [n, d] and `b` [m, d] → float32 [n, m] (a 1-D input is one row).
 * Unlike torch's element-wise `F.cosine_similarity(x1, x2)`, this is the all-pairs matrix a search needs
 * (queries × images); for HF's normalised `text_embeds`/`image_embeds` it equals `a @ b.T`.
 */
export function cosineSimilarity(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor<'float32'> {
  const [n, d] = rows(a, 'a');
  const [m, db] = rows(b, 'b');
  if (d !== db) throw new TensorOpError(`cosineSimilarity: a has ${d} features per row but b has ${db}`);
  const x = readNumbers(a, 'cosineSimilarity');
  const y = readNumbers(b, 'cosineSimilarity');
  const norms = (v: Float64Array, count: number) =>
    Array.from({ length: count }, (_, r) => {
      let s = 0;
      for (let k = 0; k < d; k++) s += v[r * d + k] ** 2;
      return Math.max(Math.sqrt(s), EPS);
    });
  const nx = norms(x, n);
  const ny = norms(y, m);
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += x[i * d + k] * y[j * d + k];
      out[i * m + j] = dot / (nx[i] * ny[j]);
    }
  }
  return new Tensor('float32', out, [n, m]);
}

function rows(t: TensorLike, name: string): [number, number] {
  if (t.dims.length === 1) return [1, t.dims[0]];
  if (t.dims.length === 2) return [t.dims[0], t.dims[1]];
  throw new TensorOpError(`cosineSimilarity: ${name} must be 1-D [d] or 2-D [n, d], got [${t.dims.join(', ')}]`);
}
