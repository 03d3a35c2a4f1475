import type { Activation } from './Activation.js';

/**
 * erf in float64 to ~1e-13: the Maclaurin series (alternating terms, at most ~1e7 in
 * size for |x| ≤ 4, so about 9 correct digits survive cancellation); |erf(x)| = 1 to
 * 1.6e-8 beyond 4, which is below float32 resolution near 1.
 */
export function erfReference(x: number): number {
  if (Math.abs(x) > 4) return Math.sign(x);
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

export function activationReference(activation: Activation, x: number): number {
  switch (activation) {
    case 'none':
      return x;
    case 'gelu':
      return 0.5 * x * (1 + erfReference(x / Math.SQRT2));
    case 'gelu_new':
      return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    case 'quick_gelu':
      return x / (1 + Math.exp(-1.702 * x));
    case 'relu':
      return Math.max(x, 0);
  }
}
