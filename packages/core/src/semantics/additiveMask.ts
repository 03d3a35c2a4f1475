import { Tensor } from '../tensor/Tensor.js';
import { type IdTensor, idAt } from './tensorInputs.js';

/** torch.finfo(torch.float32).min, the value HF adds for masked keys. */
export const FLOAT32_MIN = -3.4028234663852886e38;

/** HF's extended attention mask `(1 - mask) * finfo(float32).min`, kept [batch, seq] (backends broadcast it). */
export function createAdditiveMask(attentionMask: IdTensor | undefined, batch: number, seq: number): Tensor<'float32'> {
  const out = new Float32Array(batch * seq);
  if (attentionMask) {
    for (let i = 0; i < out.length; i++) out[i] = (1 - idAt(attentionMask, i)) * FLOAT32_MIN;
  }
  return new Tensor('float32', out, [batch, seq]);
}
