/** float16's most negative finite value: HF's `torch.finfo(torch.float16).min` for half models. */
export const FLOAT16_MIN = -65504;

/**
 * The additive mask for a float16 runtime: float32 min is not representable there
 * (it would turn into -inf and NaN through the softmax), so masked keys get float16
 * min, as HF does for half-precision models. Still far below any real score.
 */
export function halfPrecisionMask(mask: Float32Array): Float32Array {
  return mask.map((v) => Math.max(v, FLOAT16_MIN));
}
