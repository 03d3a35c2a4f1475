import { describe, expect, it } from 'vitest';
import { quantizeInt8 } from './quantizeInt8.js';

describe('quantizeInt8', () => {
  it('uses max|x|/127 per column and rounds to nearest', () => {
    // [[1, -0.5], [-2, 0.25]]: column maxima 2 and 0.5.
    const { values, scales } = quantizeInt8(new Float32Array([1, -0.5, -2, 0.25]), 2, 2, 1);
    expect(Array.from(scales)).toEqual([Math.fround(2 / 127), Math.fround(0.5 / 127)]);
    expect(Array.from(values)).toEqual([64, -127, -127, 64]);
  });

  it('quantises per row and keeps an all-zero row finite', () => {
    const { values, scales } = quantizeInt8(new Float32Array([0, 0, 3, -3]), 2, 2, 0);
    expect(scales[0]).toBe(1);
    expect(Array.from(values)).toEqual([0, 0, 127, -127]);
  });
});
