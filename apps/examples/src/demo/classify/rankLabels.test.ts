import { describe, expect, it } from 'vitest';
import { rankLabels } from './rankLabels.js';

describe('rankLabels', () => {
  it('sorts by probability, highest first, keeping each label with its own numbers', () => {
    const ranked = rankLabels(['a', 'b', 'c'], ['x a', 'x b', 'x c'], [1, 3, 2], [0.1, 0.6, 0.3]);
    expect(ranked.map((r) => [r.label, r.text, r.logit, r.probability])).toEqual([
      ['b', 'x b', 3, 0.6],
      ['c', 'x c', 2, 0.3],
      ['a', 'x a', 1, 0.1],
    ]);
  });

  it('keeps typing order for ties', () => {
    expect(rankLabels(['first', 'second'], ['first', 'second'], [0, 0], [0.5, 0.5]).map((r) => r.label)).toEqual(['first', 'second']);
  });
});
