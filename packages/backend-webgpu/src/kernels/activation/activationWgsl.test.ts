import { describe, expect, it } from 'vitest';
import { runKernels, skipNote, testGpu, uploadTensor } from '../../testing/testGpu.js';
import { recordMatmul } from '../matmul/matmulKernel.js';
import type { Activation } from './Activation.js';
import { activationReference, erfReference } from './activationReference.js';

const gpu = await testGpu();

describe('erfReference', () => {
  it('matches tabulated erf values', () => {
    // Abramowitz & Stegun table 7.1 / exact limits.
    expect(erfReference(0)).toBe(0);
    expect(erfReference(0.5)).toBeCloseTo(0.5204998778, 10);
    expect(erfReference(1)).toBeCloseTo(0.8427007929, 10);
    expect(erfReference(2)).toBeCloseTo(0.995322265, 9);
    expect(erfReference(-1.5)).toBeCloseTo(-0.9661051465, 10);
    expect(erfReference(3.5)).toBeCloseTo(0.9999992569, 10);
  });
});

describe.skipIf(!gpu.context)(`fused activations on the GPU vs float64 reference${skipNote(gpu)}`, () => {
  const context = gpu.context!;
  // 4001 points on [-12, 12], including 0 and the tails where exp over/underflows.
  const xs = Float32Array.from({ length: 4001 }, (_, i) => -12 + (24 * i) / 4000);

  it.each<[Activation, number]>([
    ['gelu', 5e-7],
    ['gelu_new', 5e-7],
    ['quick_gelu', 5e-7],
    ['relu', 0],
  ])('%s within %f·max(1, |y|)', async (activation, tolerance) => {
    // A K=1 matmul against weight 1 applies the activation to x exactly once.
    const [out] = await runKernels(context, (b) => [
      recordMatmul(b, {
        a: uploadTensor(context, xs, [xs.length, 1], 'f32'),
        weight: uploadTensor(context, new Float32Array([1]), [1, 1], 'f32'),
        activation,
        storage: 'f32',
      }),
    ]);
    // Relative beyond |y| = 1: a float32 near 12 is only resolved to 9.5e-7.
    let worst = 0;
    xs.forEach((x, i) => {
      const y = activationReference(activation, x);
      worst = Math.max(worst, Math.abs(out[i] - y) / Math.max(1, Math.abs(y)));
    });
    expect(worst).toBeLessThanOrEqual(tolerance);
  });
});
