import { Tensor } from '@altclip/core';
import { expect, it } from 'vitest';
import { widenToFloat32 } from './widenToFloat32.js';

it('widens float16 bit patterns exactly, subnormals and specials included', () => {
  const bits = Uint16Array.from([0x3c00, 0xc000, 0x7bff, 0x0001, 0x8000, 0x7c00, 0xfc00, 0x3555]);
  const out = widenToFloat32(new Tensor('float16', bits, [bits.length]));
  expect(Array.from(out ?? [])).toEqual([1, -2, 65504, 2 ** -24, -0, Infinity, -Infinity, 0.333251953125]);
  expect(Number.isNaN(widenToFloat32(new Tensor('float16', Uint16Array.from([0x7e00]), [1]))?.[0])).toBe(true);
});

it('widens bfloat16 and float64, and refuses integer tensors', () => {
  expect(Array.from(widenToFloat32(new Tensor('bfloat16', Uint16Array.from([0x3f80, 0xc040]), [2])) ?? [])).toEqual([1, -3]);
  expect(Array.from(widenToFloat32(new Tensor('float64', Float64Array.from([0.5, 1e-3]), [2])) ?? [])).toEqual([0.5, Math.fround(1e-3)]);
  expect(widenToFloat32(new Tensor('int32', new Int32Array(2), [2]))).toBeUndefined();
});
