/** A checkpoint tensor that is missing, mis-shaped or of an unusable dtype; the message names it. */
export class TowerWeightError extends Error {
  override name = 'TowerWeightError';
}
