// Test support for direct tower checks (the model-level suite is core's describeParity).
import { Tensor } from '@altclip/core';

export function maxAbsDiff(actual: Tensor, expected: Tensor): number {
  if (actual.dims.join() !== expected.dims.join()) throw new Error(`shape [${actual.dims}] != expected [${expected.dims}]`);
  let max = 0;
  const a = actual.data as Float32Array;
  const e = expected.data as Float32Array;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - e[i]));
  return max;
}

/** Builds core's text inputs from the fixture (core does this in production). */
export function textInputs(expected: Map<string, Tensor>) {
  const ids = expected.get('tokenizer/batch/input_ids') as Tensor<'int64'>;
  const mask = expected.get('tokenizer/batch/attention_mask') as Tensor<'int64'>;
  const additive = new Float32Array(mask.size);
  const min = -3.4028234663852886e38;
  for (let i = 0; i < mask.size; i++) additive[i] = mask.data[i] === 1n ? 0 : min;
  return {
    inputIds: ids,
    positionIds: expected.get('text_model/position_ids') as Tensor<'int64'>,
    tokenTypeIds: new Tensor('int64', new BigInt64Array(ids.size), ids.dims),
    additiveMask: new Tensor('float32', additive, mask.dims),
  };
}

