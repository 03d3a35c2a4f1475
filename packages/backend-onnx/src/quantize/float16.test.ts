import { describe, expect, it } from 'vitest';
import { float16BitsToFloat32, float32ToFloat16Bits, toFloat16Array } from './float16.js';

describe('float16', () => {
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
