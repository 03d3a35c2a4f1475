/** A config field this backend cannot honour (an unknown `hidden_act`, a non-integer size, …). */
export class TowerConfigError extends Error {
  override name = 'TowerConfigError';
}
