/** `run` was called on a tower (or a backend) after `dispose()` freed its weights. */
export class TowerDisposedError extends Error {
  override name = 'TowerDisposedError';
}
