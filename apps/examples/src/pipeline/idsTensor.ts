import { Tensor } from '@altclip/core';

/** Rows of equal length (the tokenizer padded them) as the I64 tensor HF returns with return_tensors='pt'. */
export function idsTensor(rows: readonly (readonly number[])[]): Tensor<'int64'> {
  const length = rows[0]?.length ?? 0;
  const data = new BigInt64Array(rows.length * length);
  rows.forEach((row, b) => {
    row.forEach((v, i) => {
      data[b * length + i] = BigInt(v);
    });
  });
  return new Tensor('int64', data, [rows.length, length]);
}
