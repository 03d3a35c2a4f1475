/** A JSON object as HF reads and writes it in config.json. */
export type ConfigDict = Record<string, unknown>;

/**
 * How a field is checked and serialised. `float` and `probability` fields are Python floats in HF, so they are
 * written as `1.0`, not `1`; `token_id` is an int or null (`eos_token_id` may also be a list of ints).
 */
export type FieldKind = 'int' | 'float' | 'probability' | 'string' | 'boolean' | 'activation' | 'token_id';

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly default: number | string | boolean | null;
  /** Sizes and epsilons must be > 0: HF would build empty or NaN-producing layers from them. */
  readonly positive?: boolean;
  readonly oneOf?: readonly string[];
}

/** The fields one HF config class defines in its `__init__`, in HF's order, with HF's defaults. */
export type ConfigSchema = Readonly<Record<string, FieldSpec>>;

export function isFloatKind(kind: FieldKind): boolean {
  return kind === 'float' || kind === 'probability';
}
