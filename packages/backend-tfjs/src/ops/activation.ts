import * as tf from '@tensorflow/tfjs-core';
import { TowerConfigError } from '../errors/TowerConfigError.js';

export type Activation = (x: tf.Tensor) => tf.Tensor;

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Exact GELU, as torch's default: 0.5·x·(1 + erf(x/√2)). */
const gelu: Activation = (x) => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, SQRT_HALF)), 1));

/** Tanh approximation (transformers' NewGELUActivation / torch `approximate='tanh'`). */
const geluTanh: Activation = (x) => {
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI);
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
};

/** transformers' FastGELUActivation: same curve as gelu_new, factored differently. */
const geluFast: Activation = (x) => {
  const inner = tf.mul(tf.mul(x, 0.7978845608), tf.add(tf.mul(tf.square(x), 0.044715), 1));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
};

/** CLIP's x·σ(1.702x). */
const quickGelu: Activation = (x) => tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));

const silu: Activation = (x) => tf.mul(x, tf.sigmoid(x));

/** transformers' LaplaceActivation with its defaults mu = 0.707107, sigma = 0.282095. */
// biome-ignore lint/suspicious/noApproximativeNumericConstant: HF's literal 0.707107, not √½
const laplace: Activation = (x) => tf.mul(tf.add(tf.erf(tf.div(tf.sub(x, 0.707107), 0.282095 * Math.SQRT2)), 1), 0.5);

/** Every key of transformers v4.47.1's ACT2FN, with its default arguments. */
const ACTIVATIONS: Readonly<Record<string, Activation>> = {
  gelu,
  gelu_python: gelu,
  gelu_10: (x) => tf.clipByValue(gelu(x), -10, 10),
  gelu_new: geluTanh,
  gelu_pytorch_tanh: geluTanh,
  gelu_accurate: geluTanh,
  gelu_fast: geluFast,
  quick_gelu: quickGelu,
  laplace,
  leaky_relu: (x) => tf.leakyRelu(x, 0.01),
  linear: (x) => x,
  mish: (x) => tf.mul(x, tf.tanh(tf.softplus(x))),
  relu: (x) => tf.relu(x),
  relu2: (x) => tf.square(tf.relu(x)),
  relu6: (x) => tf.relu6(x),
  sigmoid: (x) => tf.sigmoid(x),
  silu,
  swish: silu,
  tanh: (x) => tf.tanh(x),
};

export function activation(name: string, owner: string): Activation {
  const fn = Object.hasOwn(ACTIVATIONS, name) ? ACTIVATIONS[name] : undefined;
  if (!fn) {
    throw new TowerConfigError(`${owner}.hidden_act: '${name}' is not supported by @altclip/backend-tfjs (expected one of ${Object.keys(ACTIVATIONS).join(', ')})`);
  }
  return fn;
}
