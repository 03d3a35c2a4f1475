import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, expect, it } from 'vitest';
import { runLayers } from './runLayers.js';

beforeAll(() => tf.setBackend('cpu'));

const step = (x: tf.Tensor3D, scale: number) => {
  const scaled = tf.mul(tf.add(x, 1), scale); // an intermediate that must not outlive the step
  return { hidden: scaled as tf.Tensor3D, probs: tf.softmax(tf.reshape(scaled, [1, 1, 2, 2])) as tf.Tensor4D };
};

it('keeps only the last hidden state when nothing else is asked for', () => {
  const input = tf.ones([1, 2, 2]) as tf.Tensor3D;
  const before = tf.memory().numTensors;
  const stack = runLayers(input, [2, 3, 4], step, { hiddenStates: false, attentions: false });
  expect(input.isDisposed).toBe(true);
  expect(tf.memory().numTensors).toBe(before); // input freed, last kept
  expect(Array.from(stack.last.dataSync())).toEqual([64, 64, 64, 64]); // ((1+1)·2+1)·3+1)·4
  stack.last.dispose();
});

it('returns input + every layer output and every attention map on request', () => {
  const input = tf.zeros([1, 2, 2]) as tf.Tensor3D;
  const before = tf.memory().numTensors;
  const stack = runLayers(input, [1, 1], step, { hiddenStates: true, attentions: true });
  expect(stack.hiddenStates?.map((h) => h.dataSync()[0])).toEqual([0, 1, 2]);
  expect(stack.attentions).toHaveLength(2);
  expect(tf.memory().numTensors).toBe(before + 2 + 2); // two outputs, two maps (input already counted)
  tf.dispose([stack.hiddenStates ?? [], stack.attentions ?? []]);
});
