const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits of `value`, rounded to nearest even (as numpy/PyTorch do). */
export function float32ToFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0];
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
    let result = mantissa >>> shift;
    if (rest > half || (rest === half && (result & 1) !== 0)) result++;
    return sign | result;
  }
  let result = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (result & 1) !== 0)) result++;
  return sign | result;
}

export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
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
