import { describe, expect, it } from 'vitest';
import { pythonEquals } from './pythonEquals.js';

describe('pythonEquals', () => {
  it("follows Python's == for JSON values", () => {
    expect(pythonEquals(1, 1.0)).toBe(true);
    expect(pythonEquals(true, 1)).toBe(true);
    expect(pythonEquals(false, 0)).toBe(true);
    expect(pythonEquals(null, 0)).toBe(false);
    expect(pythonEquals('1', 1)).toBe(false);
    expect(pythonEquals({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(pythonEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(pythonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pythonEquals([1, 2], [1, 2, 3])).toBe(false);
    expect(pythonEquals({}, [])).toBe(false);
  });
});
