/** A tower weight is missing, has the wrong shape or an unsupported dtype. */
export class WeightError extends Error {
  override name = 'WeightError';
}
