/**
 * A tower input that does not fit the loaded model (wrong rank, batch, size or
 * an index out of range). Thrown before any tfjs op runs so that the user sees
 * which argument is wrong instead of a tfjs shape assertion from deep inside a layer.
 */
export class TowerInputError extends Error {
  override name = 'TowerInputError';
}
