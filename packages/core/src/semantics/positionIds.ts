import { Tensor } from '../tensor/Tensor.js';
import { type IdTensor, idAt } from './tensorInputs.js';

/**
 * RoBERTa's `create_position_ids_from_input_ids`: non-padding tokens get
 * padding_idx + 1, + 2, … in order; padding tokens get padding_idx.
 * It looks at the ids (not the attention mask), exactly as HF does.
 */
export function createPositionIds(inputIds: IdTensor, paddingIdx: number): Tensor<'int64'> {
  const [batch, seq] = inputIds.dims;
  const out = new BigInt64Array(batch * seq);
  for (let b = 0; b < batch; b++) {
    let count = 0;
    for (let i = 0; i < seq; i++) {
      const k = b * seq + i;
      const keep = idAt(inputIds, k) !== paddingIdx ? 1 : 0;
      count += keep;
      out[k] = BigInt(count * keep + paddingIdx);
    }
  }
  return new Tensor('int64', out, [batch, seq]);
}
