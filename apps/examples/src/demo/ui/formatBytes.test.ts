import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes.js';

describe('formatBytes', () => {
  it('uses decimal units with one or two decimals', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(3400)).toBe('3.4 KB');
    expect(formatBytes(448_000_000)).toBe('448.0 MB');
    expect(formatBytes(1_410_000_000)).toBe('1.41 GB');
  });
});
