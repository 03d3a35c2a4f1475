import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors/InputValidationError.js';
import { Tensor } from '../tensor/Tensor.js';
import { FLOAT32_MIN, createAdditiveMask } from './additiveMask.js';
import { bicubicResize } from './bicubicResize.js';
import { contrastiveLoss } from './contrastiveLoss.js';
import { interpolatePositionEmbedding } from './interpolatePositionEmbedding.js';
import { l2Normalize } from './l2Normalize.js';
import { createPositionIds } from './positionIds.js';
import { similarityLogits } from './similarityLogits.js';
import { toIdTensor } from './tensorInputs.js';

describe('core semantics', () => {
  it('numbers non-padding tokens from padding_idx + 1 and leaves pads at padding_idx (by id, not by mask)', () => {
    const ids = toIdTensor([[0, 5, 6, 2, 1, 1], [0, 1, 7, 2, 1, 1]], 'inputIds');
    expect([...createPositionIds(ids, 1).data].map(Number)).toEqual([2, 3, 4, 5, 1, 1, 2, 1, 3, 4, 1, 1]);
  });

  it('builds the additive mask with float32 min for masked keys', () => {
    const mask = createAdditiveMask(toIdTensor([[1, 1, 0]], 'attentionMask'), 1, 3);
    expect([...mask.data].map((v) => v + 0)).toEqual([0, 0, Math.fround(FLOAT32_MIN)]);
    expect([...createAdditiveMask(undefined, 1, 2).data].map((v) => v + 0)).toEqual([0, 0]);
  });

  it('normalises rows to unit length', () => {
    expect([...l2Normalize(new Tensor('float32', new Float32Array([3, 4, 0, 2]), [2, 2])).data]).toEqual([
      Math.fround(0.6),
      Math.fround(0.8),
      0,
      1,
    ]);
  });

  it('scales logits by exp(logit_scale) and transposes for images', () => {
    const text = new Tensor('float32', new Float32Array([1, 0, 0, 1]), [2, 2]);
    const image = new Tensor('float32', new Float32Array([0, 1, 1, 0, 1, 0]), [3, 2]);
    const { logitsPerText, logitsPerImage } = similarityLogits(text, image, Math.log(2));
    expect(logitsPerText.dims).toEqual([2, 3]);
    expect([...logitsPerText.data].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 2, 2, 2, 0, 0]);
    expect([...logitsPerImage.data].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 2, 2, 0, 2, 0]);
  });

  it('gives log(n) contrastive loss for uninformative logits and refuses unpaired batches', () => {
    const zeros = new Tensor('float32', new Float32Array(16), [4, 4]);
    expect(contrastiveLoss(zeros).data[0]).toBeCloseTo(Math.log(4), 6);
    expect(() => contrastiveLoss(new Tensor('float32', new Float32Array(6), [2, 3]))).toThrow(InputValidationError);
  });

  it('bicubic resize is the identity at the same size and preserves constants', () => {
    const input = Float64Array.from({ length: 2 * 3 * 4 }, (_, i) => Math.sin(i));
    expect(bicubicResize(input, 2, 3, 4, 3, 4)).toEqual(input);
    const constant = bicubicResize(new Float64Array(9).fill(2.5), 1, 3, 3, 5, 7);
    for (const v of constant) expect(v).toBeCloseTo(2.5, 12);
  });

  it('keeps the class position and resizes the grid only when HF would', () => {
    const table = new Tensor('float32', Float32Array.from({ length: 26 * 2 }, (_, i) => i), [26, 2]);
    expect(interpolatePositionEmbedding(table, 30, 30, 6)).toBeUndefined();
    const out = interpolatePositionEmbedding(table, 36, 48, 6)!;
    expect(out.dims).toEqual([1 + 6 * 8, 2]);
    expect([...out.data.subarray(0, 2)]).toEqual([0, 1]);
  });
});
