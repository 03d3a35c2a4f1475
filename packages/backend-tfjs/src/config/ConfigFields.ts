import { TowerConfigError } from '../errors/TowerConfigError.js';

/**
 * Typed reads of a tower config's snake_case fields, each failure naming the field.
 * Reads go through this one place so that a config object missing a field (or a
 * plain JSON object standing in for one) fails at load, not as NaN shapes in a forward.
 */
export class ConfigFields {
  private readonly fields: Readonly<Record<string, unknown>>;

  constructor(
    config: object,
    private readonly owner: string,
  ) {
    this.fields = config as Readonly<Record<string, unknown>>;
  }

  positiveInteger(field: string): number {
    const value = this.fields[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new TowerConfigError(`${this.owner}.${field}: expected a positive integer, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  positiveNumber(field: string): number {
    const value = this.fields[field];
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new TowerConfigError(`${this.owner}.${field}: expected a positive number, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  string(field: string): string {
    const value = this.fields[field];
    if (typeof value !== 'string') throw new TowerConfigError(`${this.owner}.${field}: expected a string, got ${JSON.stringify(value)}`);
    return value;
  }

  /** hidden_size / num_attention_heads must divide, as torch's view() requires. */
  headDim(hidden: number, heads: number): number {
    if (hidden % heads !== 0) {
      throw new TowerConfigError(`${this.owner}: hidden_size ${hidden} is not a multiple of num_attention_heads ${heads}`);
    }
    return hidden / heads;
  }
}
