import { InputValidationError } from '../errors/InputValidationError.js';
import { asTensor, Tensor, type TensorLike } from '../tensor/Tensor.js';

export type IdTensor = Tensor<'int64'> | Tensor<'int32'>;
/**
 * Token ids or masks: an int tensor (or a processor's structural `{dtype: 'int64', dims, data}`),
 * or nested arrays of numbers (one row per sequence).
 */
export type IdsLike = IdTensor | TensorLike<'int64'> | TensorLike<'int32'> | readonly (readonly number[])[];

/** Normalises ids/masks to an int64 [batch, seq] tensor, refusing anything else. */
export function toIdTensor(given: IdsLike, argument: string): IdTensor {
  const value = !Array.isArray(given) && typeof given === 'object' && given !== null && 'dims' in given && ArrayBuffer.isView(given.data) ? asTensor(given as TensorLike) : given;
  if (value instanceof Tensor) {
    if (value.dtype !== 'int64' && value.dtype !== 'int32') {
      throw new InputValidationError(`${argument}: expected an int64 or int32 tensor, got ${(value as Tensor).dtype}`);
    }
    if (value.dims.length !== 2) throw new InputValidationError(`${argument}: expected shape [batch, sequence], got [${value.dims.join(', ')}]`);
    return value as IdTensor;
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((row) => Array.isArray(row))) {
    throw new InputValidationError(`${argument}: expected a non-empty array of rows or an int tensor`);
  }
  const length = value[0].length;
  const data = new BigInt64Array(value.length * length);
  value.forEach((row, b) => {
    if (row.length !== length) {
      throw new InputValidationError(`${argument}: row ${b} has ${row.length} entries but row 0 has ${length} (pad the batch first)`);
    }
    row.forEach((v, i) => {
      if (!Number.isInteger(v)) throw new InputValidationError(`${argument}[${b}][${i}] = ${v} is not an integer`);
      data[b * length + i] = BigInt(v);
    });
  });
  return new Tensor('int64', data, [value.length, length]);
}

export function idAt(t: IdTensor, i: number): number {
  return Number(t.data[i]);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
