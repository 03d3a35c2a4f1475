/**
 * Float64 multi-head attention over packed qkv [B·L, 3·hidden]:
 * softmax(q·kᵀ·scale + mask[b, key]) · v per head.
 */
export function attentionReference(
  qkv: Float32Array,
  B: number,
  L: number,
  heads: number,
  scale: number,
  mask?: Float32Array,
): { context: Float32Array; probabilities: Float32Array } {
  const hidden = qkv.length / (B * L * 3);
  const dh = hidden / heads;
  const context = new Float32Array(B * L * hidden);
  const probabilities = new Float32Array(B * heads * L * L);
  const at = (b: number, t: number, part: number, h: number, d: number) => qkv[(b * L + t) * 3 * hidden + part * hidden + h * dh + d];
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < L; i++) {
        const scores = new Float64Array(L);
        for (let j = 0; j < L; j++) {
          let dot = 0;
          for (let d = 0; d < dh; d++) dot += at(b, i, 0, h, d) * at(b, j, 1, h, d);
          scores[j] = dot * scale + (mask ? mask[b * L + j] : 0);
        }
        const max = Math.max(...scores);
        let sum = 0;
        for (let j = 0; j < L; j++) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (let j = 0; j < L; j++) probabilities[((b * heads + h) * L + i) * L + j] = scores[j] / sum;
        for (let d = 0; d < dh; d++) {
          let acc = 0;
          for (let j = 0; j < L; j++) acc += (scores[j] / sum) * at(b, j, 2, h, d);
          context[(b * L + i) * hidden + h * dh + d] = acc;
        }
      }
    }
  }
  return { context, probabilities };
}
