import { describe, expect, it } from 'vitest';
import { DemoInputError } from '../DemoInputError.js';
import { parseThreads } from './parseThreads.js';

describe('parseThreads', () => {
  it('reads a whole number, blank meaning the runtime default', () => {
    expect(parseThreads('2')).toBe(2);
    expect(parseThreads(' ')).toBeUndefined();
  });

  it('refuses zero, fractions and words, naming the field', () => {
    for (const bad of ['0', '1.5', '-2', 'two']) expect(() => parseThreads(bad)).toThrow(DemoInputError);
    expect(() => parseThreads('0')).toThrow(/threads: expected a whole number ≥ 1 or blank for the default, got "0"/);
  });
});
