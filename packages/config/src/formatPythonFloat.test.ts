import { describe, expect, it } from 'vitest';
import { formatPythonFloat } from './formatPythonFloat.js';

describe('formatPythonFloat', () => {
  // Expected strings are Python 3 `repr(float)` results (documented behaviour: shortest repr, exponent when
  // exp < -4 or exp >= 16, at least two exponent digits).
  it.each([
    [1, '1.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.1, '0.1'],
    [0.02, '0.02'],
    [2.6592, '2.6592'],
    [1e-5, '1e-05'],
    [1e-12, '1e-12'],
    [0.0001, '0.0001'],
    [0.00012, '0.00012'],
    [1.5e-5, '1.5e-05'],
    [100, '100.0'],
    [123.456, '123.456'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1e22, '1e+22'],
    [1e100, '1e+100'],
    [-2.5, '-2.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [5e-324, '5e-324'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('%s → %s', (x, expected) => {
    expect(formatPythonFloat(x)).toBe(expected);
  });
});
