import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { TowerConfigError } from '../errors/TowerConfigError.js';
import { activation } from './activation.js';

// Independent scalar references (erf by its Maclaurin series, exact to ~1e-13 for |x| ≤ 4;
// beyond 5 erf is ±1 to 1.5e-12).
function erf(x: number): number {
  if (Math.abs(x) > 5) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const tanhGelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
const REFERENCES: Record<string, (x: number) => number> = {
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  gelu_new: tanhGelu,
  gelu_pytorch_tanh: tanhGelu,
  gelu_fast: tanhGelu,
  quick_gelu: (x) => x * sigmoid(1.702 * x),
  silu: (x) => x * sigmoid(x),
  relu: (x) => Math.max(0, x),
  relu2: (x) => Math.max(0, x) ** 2,
  mish: (x) => x * Math.tanh(Math.log1p(Math.exp(x))),
  // biome-ignore lint/suspicious/noApproximativeNumericConstant: HF's literal 0.707107, not √½
  laplace: (x) => 0.5 * (1 + erf((x - 0.707107) / (0.282095 * Math.SQRT2))),
};

describe('activation', () => {
  beforeAll(() => tf.setBackend('cpu'));
  const xs = [-4, -2.5, -1, -0.3, 0, 0.2, 0.7, 1.5, 3.9];

  for (const [name, reference] of Object.entries(REFERENCES)) {
    it(`${name} matches its definition`, () => {
      const got = tf.tidy(() => activation(name, 'text_config')(tf.tensor1d(xs)).dataSync());
      for (const [i, x] of xs.entries()) expect(got[i]).toBeCloseTo(reference(x), 5);
    });
  }

  it('names the config field for an unknown activation', () => {
    expect(() => activation('gelu_13', 'vision_config')).toThrow(TowerConfigError);
    expect(() => activation('toString', 'vision_config')).toThrow(/vision_config.hidden_act: 'toString' is not supported/);
  });
});
