import { bfloat16ToNumber, float16ToNumber } from './ops/halfBits.js';
import { Tensor } from './Tensor.js';

export { bfloat16ToNumber, float16ToNumber };

/** Any float or int tensor as float32 (returned unchanged when it already is). */
export function toFloat32(t: Tensor): Tensor<'float32'> {
  if (t.dtype === 'float32') return t as Tensor<'float32'>;
  const out = new Float32Array(t.size);
  const data = t.data;
  for (let i = 0; i < out.length; i++) {
    const v = data[i];
    out[i] = t.dtype === 'float16' ? float16ToNumber(v as number) : t.dtype === 'bfloat16' ? bfloat16ToNumber(v as number) : Number(v);
  }
  return new Tensor('float32', out, t.dims);
}
