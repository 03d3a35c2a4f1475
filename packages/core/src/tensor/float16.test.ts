import { describe, expect, it } from 'vitest';
import { float32ToFloat16Bits, fromBfloat16Array, toFloat16Array } from './float16.js';
import { float16ToNumber as float16BitsToFloat32 } from './toFloat32.js';

// The f16 storage path depends on these conversions; the adapters here lack shader-f16,
// so this is the part of it that runs everywhere.
describe('float16 conversion', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [0.333251953125, 0x3555],
    [2 ** -14, 0x0400],
    [2 ** -24, 0x0001],
    [Number.POSITIVE_INFINITY, 0x7c00],
  ])('%f ↔ 0x%s', (value, bits) => {
    expect(float32ToFloat16Bits(value)).toBe(bits);
    expect(float16BitsToFloat32(bits)).toBe(value);
  });

  it('rounds to nearest, ties to even, and overflows to infinity', () => {
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even (down)
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(float32ToFloat16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00);
    expect(float32ToFloat16Bits(2 ** -25)).toBe(0x0000); // tie → even (zero)
    expect(float32ToFloat16Bits(3 * 2 ** -25)).toBe(0x0002);
    expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(Number.NaN)))).toBe(true);
  });

  it('widens bfloat16 exactly', () => {
    expect(Array.from(fromBfloat16Array(Uint16Array.from([0x3f80, 0xc040, 0x0000])))).toEqual([1, -3, 0]);
  });
});

describe('float16 bulk encoding', () => {
  it('encodes known binary16 patterns', () => {
    // Reference bit patterns from the IEEE 754 binary16 definition.
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(float32ToFloat16Bits(0.1)).toBe(0x2e66);
    expect(float32ToFloat16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });

  it('rounds half to even and round-trips', () => {
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    for (const bits of [0x0001, 0x03ff, 0x0400, 0x3555, 0x7bff, 0xbc00]) {
      expect(float32ToFloat16Bits(float16BitsToFloat32(bits))).toBe(bits);
    }
  });

  it('bulk conversion agrees with the scalar encoder, subnormals and specials included', () => {
    const values = new Float32Array(20000);
    for (let i = 0; i < values.length; i++) values[i] = Math.sinh((i % 997) / 40 - 12) * (i % 2 ? 1 : -1) * 2 ** ((i % 61) - 30);
    values.set([0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 65504, 65520, 2 ** -25, 3 * 2 ** -26, 1 + 2 ** -11]);
    const bulk = toFloat16Array(values);
    for (let i = 0; i < values.length; i++) {
      const scalar = float32ToFloat16Bits(values[i]);
      if (Number.isNaN(values[i])) expect(bulk[i] & 0x7c00).toBe(0x7c00);
      else expect(bulk[i], `value ${values[i]}`).toBe(scalar);
    }
  });
});
