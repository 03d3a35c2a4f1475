/** Float64 building blocks of the reference towers. Row-major, PyTorch weight layouts. */

/** The signature of `linear`, so that a caller can wrap it (the int8 error model rounds its inputs). */
export type LinearOp = (x: Float64Array, rows: number, inDim: number, weight: Float64Array, bias: Float64Array | undefined, outDim: number) => Float64Array;

/** y[r, o] = Σ_i x[r, i] · W[o, i] + b[o]  (W is [out, in] as nn.Linear). */
export const linear: LinearOp = (x, rows, inDim, weight, bias, outDim) => {
  const y = new Float64Array(rows * outDim);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outDim; o++) {
      let acc = bias ? bias[o] : 0;
      for (let i = 0; i < inDim; i++) acc += x[r * inDim + i] * weight[o * inDim + i];
      y[r * outDim + o] = acc;
    }
  }
  return y;
};

/** nn.LayerNorm over the last dimension (biased variance, eps inside the square root). */
export function layerNorm(x: Float64Array, rows: number, dim: number, weight: Float64Array, bias: Float64Array, eps: number): Float64Array {
  const y = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let i = 0; i < dim; i++) mean += x[r * dim + i];
    mean /= dim;
    let variance = 0;
    for (let i = 0; i < dim; i++) variance += (x[r * dim + i] - mean) ** 2;
    variance /= dim;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let i = 0; i < dim; i++) y[r * dim + i] = (x[r * dim + i] - mean) * inv * weight[i] + bias[i];
  }
  return y;
}

export function add(a: Float64Array, b: Float64Array): Float64Array {
  const y = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) y[i] = a[i] + b[i];
  return y;
}

export function map(a: Float64Array, f: (x: number) => number): Float64Array {
  const y = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) y[i] = f(a[i]);
  return y;
}

/**
 * Multi-head scaled dot-product attention over [batch, seq, heads·headDim]
 * projections. `keyBias` ([batch, seq], optional) is added to every query's
 * scores for that key. Returns the context and the probabilities [batch, heads, seq, seq].
 */
export function attention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  batch: number,
  seq: number,
  heads: number,
  headDim: number,
  keyBias?: Float32Array,
): { context: Float64Array; probs: Float64Array } {
  const hidden = heads * headDim;
  const scale = 1 / Math.sqrt(headDim);
  const context = new Float64Array(batch * seq * hidden);
  const probs = new Float64Array(batch * heads * seq * seq);
  const scores = new Float64Array(seq);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < seq; i++) {
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j < seq; j++) {
          let dot = 0;
          for (let d = 0; d < headDim; d++) dot += q[(b * seq + i) * hidden + h * headDim + d] * k[(b * seq + j) * hidden + h * headDim + d];
          scores[j] = dot * scale + (keyBias ? keyBias[b * seq + j] : 0);
          max = Math.max(max, scores[j]);
        }
        let sum = 0;
        for (let j = 0; j < seq; j++) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        const row = ((b * heads + h) * seq + i) * seq;
        for (let j = 0; j < seq; j++) probs[row + j] = scores[j] / sum;
        for (let d = 0; d < headDim; d++) {
          let acc = 0;
          for (let j = 0; j < seq; j++) acc += probs[row + j] * v[(b * seq + j) * hidden + h * headDim + d];
          context[(b * seq + i) * hidden + h * headDim + d] = acc;
        }
      }
    }
  }
  return { context, probs };
}
