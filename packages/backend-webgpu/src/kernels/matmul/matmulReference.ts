import type { Activation } from '../activation/Activation.js';
import { activationReference } from '../activation/activationReference.js';

/** Plain float64 `activate(a·wᵀ + bias) + residual`, a [M, K], w [N, K]. */
export function matmulReference(
  a: Float32Array,
  w: Float32Array,
  M: number,
  N: number,
  K: number,
  options: { bias?: Float32Array; residual?: Float32Array; activation?: Activation } = {},
): Float32Array {
  const out = new Float32Array(M * N);
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += a[m * K + k] * w[n * K + k];
      if (options.bias) sum += options.bias[n];
      sum = activationReference(options.activation ?? 'none', sum);
      if (options.residual) sum += options.residual[m * N + n];
      out[m * N + n] = sum;
    }
  }
  return out;
}
