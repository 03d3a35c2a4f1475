import type { Tensor } from '../tensor/Tensor.js';

/** A checkpoint tensor holding NaN or ±Infinity. */
export interface NonFiniteWeight {
  readonly name: string;
  /** How many of its values are not finite. */
  readonly count: number;
  readonly size: number;
}

/** Exponent bits all ones (NaN or Infinity) in IEEE half and bfloat16 patterns. */
const HALF_EXPONENT = 0x7c00;
const BFLOAT16_EXPONENT = 0x7f80;

function countNonFinite(tensor: Tensor): number {
  let count = 0;
  const data = tensor.data;
  if (tensor.dtype === 'float32' || tensor.dtype === 'float64') {
    const values = data as Float32Array | Float64Array;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) count++;
  } else if (tensor.dtype === 'float16' || tensor.dtype === 'bfloat16') {
    const mask = tensor.dtype === 'float16' ? HALF_EXPONENT : BFLOAT16_EXPONENT;
    const bits = data as Uint16Array;
    for (let i = 0; i < bits.length; i++) if ((bits[i] & mask) === mask) count++;
  }
  return count;
}

/**
 * The float tensors among `names` that hold NaN or infinite values. HF loads such weights without a check and
 * returns NaN embeddings; one linear pass at load time (cheap next to reading the file) turns that silent
 * failure into a warning that names the tensors.
 */
export function findNonFiniteWeights(weights: ReadonlyMap<string, Tensor>, names: Iterable<string>): NonFiniteWeight[] {
  const out: NonFiniteWeight[] = [];
  for (const name of names) {
    const tensor = weights.get(name);
    if (!tensor) continue;
    const count = countNonFinite(tensor);
    if (count > 0) out.push({ name, count, size: tensor.size });
  }
  return out;
}

export function nonFiniteWarning(found: readonly NonFiniteWeight[], modelClass: string, checkpoint: string): string {
  const shown = found.slice(0, 10).map((w) => `'${w.name}' (${w.count} of ${w.size} values)`);
  const more = found.length > shown.length ? `, and ${found.length - shown.length} more` : '';
  return (
    `Some weights of the model checkpoint at ${checkpoint} hold NaN or infinite values: ${shown.join(', ')}${more}.\n` +
    `- ${modelClass} outputs that depend on them will be NaN or infinite. The checkpoint is probably corrupt.`
  );
}
