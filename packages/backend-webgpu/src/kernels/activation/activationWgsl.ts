/**
 * erf for f32 (WGSL has none): Numerical Recipes' Chebyshev fit `erfcc`, fractional
 * error below 1.2e-7 in erfc on the whole real line. Abramowitz–Stegun 7.1.26 (2.5e-5)
 * would move gelu outputs by more than the 1e-5 embedding tolerance.
 */
const ERF = /* wgsl */ `
fn erf_f32(x: f32) -> f32 {
  let z = abs(x);
  let t = 1.0 / (1.0 + 0.5 * z);
  let poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  let erfc = t * exp(-z * z + poly);
  return select(erfc - 1.0, 1.0 - erfc, x >= 0.0);
}
`;

/** tanh from one exp of a non-positive argument: the builtin may overflow to NaN for large |x| on some drivers. */
const TANH = /* wgsl */ `
fn tanh_f32(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  let t = (1.0 - e) / (1.0 + e);
  return select(-t, t, x >= 0.0);
}
`;

/** WGSL `fn activate(code: u32, x: f32) -> f32`; codes follow `ACTIVATION_CODES` in the matmul kernel. */
export function activationWgsl(): string {
  return /* wgsl */ `${ERF}${TANH}
fn activate(code: u32, x: f32) -> f32 {
  switch code {
    case 1u: { return 0.5 * x * (1.0 + erf_f32(x * 0.70710678118654752)); }
    case 2u: { return 0.5 * x * (1.0 + tanh_f32(0.79788456080286536 * (x + 0.044715 * x * x * x))); }
    // x·σ(1.702x); exp overflows to +inf for very negative x, and x / inf is the right 0.
    case 3u: { return x / (1.0 + exp(-1.702 * x)); }
    case 4u: { return max(x, 0.0); }
    default: { return x; }
  }
}
`;
}
