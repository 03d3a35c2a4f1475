/** erf to ~1e-15: Taylor series near 0, Lentz continued fraction for erfc in the tails. */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

/** HF's ACT2FN entries the AltCLIP configs use, in float64. */
export function activation(name: string): (x: number) => number {
  switch (name) {
    case 'gelu':
    case 'gelu_python':
      return (x) => 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'gelu_new':
    case 'gelu_pytorch_tanh':
      return (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    case 'quick_gelu':
      return (x) => x / (1 + Math.exp(-1.702 * x));
    case 'relu':
      return (x) => Math.max(0, x);
    case 'silu':
    case 'swish':
      return (x) => x / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh;
    default:
      throw new Error(`reference backend: activation '${name}' is not implemented`);
  }
}
