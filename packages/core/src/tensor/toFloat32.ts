import { Tensor } from './Tensor.js';

/** IEEE half-precision bits → number. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** bfloat16 bits are the top half of a float32. */
export function bfloat16ToNumber(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits << 16);
  return view.getFloat32(0);
}

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
