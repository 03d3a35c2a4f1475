import { describe, expect, it } from 'vitest';
import { softmax } from './softmax.js';

describe('softmax', () => {
  it('gives exp(x_i) / Σ exp(x_j)', () => {
    const [a, b] = softmax([0, Math.log(3)]);
    expect(a).toBeCloseTo(0.25, 15);
    expect(b).toBeCloseTo(0.75, 15);
  });

  it('stays finite for large logits (CLIP logits are scaled by up to 100)', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    const p = softmax(new Float32Array([100, 0, -100]));
    expect(p[0]).toBeCloseTo(1, 12);
    expect(p.every(Number.isFinite)).toBe(true);
  });
});
