import { float16ToNumber } from './toFloat32.js';

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/**
 * Half-precision conversions shared by every backend that stores fp16 weights (onnx initializers,
 * WebGPU f16 buffers), so all of them round the same way.
 *
 * float32 → IEEE half bits, round to nearest even (overflow → ±inf, as a GPU conversion does). */
export function float32ToFloat16Bits(value: number): number {
  scratch[0] = value;
  const x = scratchBits[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mantissa & ((1 << shift) - 1);
    let bits = mantissa >>> shift;
    if (rest > half || (rest === half && bits & 1)) bits++;
    return sign | bits;
  }
  let bits = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && bits & 1)) bits++;
  return sign | bits;
}

/**
 * Bulk float32 → binary16 bits, round to nearest even. Branch-light integer version
 * (F. Giesen's float_to_half_fast3_rtne): the scalar encoder above costs ~80 ns an
 * element in V8, too slow for the ~900 M weights of the full-size model.
 */
export function toFloat16Array(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = new Uint16Array(values.length);
  const f32infty = 255 << 23;
  const f16max = (127 + 16) << 23;
  const denormMagic = ((127 - 15) + (23 - 10) + 1) << 23;
  const magicFloat = new Float32Array(new Uint32Array([denormMagic]).buffer)[0];
  const scratch = new Float32Array(1);
  const scratchBits = new Uint32Array(scratch.buffer);
  for (let i = 0; i < bits.length; i++) {
    let f = bits[i];
    const sign = (f >>> 16) & 0x8000;
    f = (f & 0x7fffffff) >>> 0;
    let o: number;
    if (f >= f16max) {
      o = f > f32infty ? 0x7e00 : 0x7c00;
    } else if (f < 113 << 23) {
      // Subnormal or zero: let the FPU do the rounding by adding a magic number.
      scratchBits[0] = f;
      scratch[0] += magicFloat;
      o = (scratchBits[0] - denormMagic) & 0xffff;
    } else {
      const mantissaOdd = (f >>> 13) & 1;
      o = ((f + ((15 - 127) << 23) + 0xfff + mantissaOdd) >>> 13) & 0xffff;
    }
    out[i] = o | sign;
  }
  return out;
}

export function fromFloat16Array(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = float16ToNumber(bits[i]);
  return out;
}

/** bfloat16 is the high half of a float32. */
export function fromBfloat16Array(bits: Uint16Array): Float32Array {
  const words = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) words[i] = bits[i] << 16;
  return new Float32Array(words.buffer);
}
