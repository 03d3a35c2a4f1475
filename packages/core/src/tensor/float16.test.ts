import { describe, expect, it } from 'vitest';
import { float32ToFloat16Bits, fromBfloat16Array } from './float16.js';
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
