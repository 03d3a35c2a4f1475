import { Tensor } from '@altclip/core';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * Copies a float32 tfjs tensor out into a runtime-free core Tensor. The copy matters on
 * the cpu runtime, whose `data()` hands back its internal buffer.
 */
export async function toCoreTensor(t: tf.Tensor): Promise<Tensor<'float32'>> {
  const data = (await t.data()) as Float32Array;
  return new Tensor('float32', data.slice(), t.shape);
}
