// Test-only: deterministic tower inputs of any size, without files (usable in browsers).
import { Tensor, type TextTowerInputs } from '@altclip/core';

/** Unpadded text inputs as core would pass them: RoBERTa positions 2.., no mask. */
export function simpleTextInputs(batch: number, seq: number, vocab: number): TextTowerInputs {
  const n = batch * seq;
  const ids = new BigInt64Array(n);
  const positions = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = BigInt((i * 7919) % vocab);
    positions[i] = BigInt(2 + (i % seq));
  }
  return {
    inputIds: new Tensor('int64', ids, [batch, seq]),
    positionIds: new Tensor('int64', positions, [batch, seq]),
    tokenTypeIds: new Tensor('int64', new BigInt64Array(n), [batch, seq]),
    additiveMask: new Tensor('float32', new Float32Array(n), [batch, seq]),
  };
}

/** Seeded uniform pixels in [-2, 2] (LCG: tests must be reproducible). */
export function randomPixels(batch: number, channels: number, height: number, width: number, seed = 1): Tensor<'float32'> {
  const data = new Float32Array(batch * channels * height * width);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 2 ** 32) * 4 - 2;
  }
  return new Tensor('float32', data, [batch, channels, height, width]);
}
