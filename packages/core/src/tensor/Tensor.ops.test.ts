import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosineSimilarity.js';
import { float32ToFloat16Bits } from './float16.js';
import { TensorOpError } from './ops/TensorOpError.js';
import { Tensor } from './Tensor.js';

const f32 = (values: number[], dims: number[]) => new Tensor('float32', Float32Array.from(values), dims);

describe('Tensor.softmax', () => {
  it('normalises along dim=1 like torch (exp(ln k) = k, so rows are k / Σk)', () => {
    const logits = f32([0, Math.log(2), Math.log(3), Math.log(4), 0, Math.log(5)], [2, 3]);
    const probs = logits.softmax(1);
    expect(probs.dtype).toBe('float32');
    expect(probs.dims).toEqual([2, 3]);
    const expected = [1 / 6, 2 / 6, 3 / 6, 4 / 10, 1 / 10, 5 / 10];
    probs.toArray().forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i], 7);
    });
  });

  it('normalises along dim=0 and negative dims count from the end', () => {
    const t = f32([0, 0, Math.log(3), 0], [2, 2]);
    expect(t.softmax(0).tolist()).toEqual([
      [Math.fround(1 / 4), Math.fround(1 / 2)],
      [Math.fround(3 / 4), Math.fround(1 / 2)],
    ]);
    expect(t.softmax(-1).toArray()).toEqual(t.softmax(1).toArray());
  });

  it('does not overflow on large logits (CLIP scales by 100)', () => {
    // float64 input: in float32, 1000 + ln 3 itself would already be rounded by 3e-5.
    const probs = new Tensor('float64', Float64Array.from([1000, 1000 + Math.log(3)]), [1, 2]).softmax(1).toArray();
    expect(probs[0]).toBeCloseTo(0.25, 12);
    expect(probs[1]).toBeCloseTo(0.75, 12);
  });

  it('keeps float64 and widens float16', () => {
    const d = new Tensor('float64', Float64Array.from([0, Math.log(3)]), [2]);
    expect(d.softmax(0).dtype).toBe('float64');
    const [p0, p1] = d.softmax(0).toArray();
    expect(p0).toBeCloseTo(0.25, 15);
    expect(p1).toBeCloseTo(0.75, 15);
    const h = new Tensor('float16', Uint16Array.from([float32ToFloat16Bits(0), float32ToFloat16Bits(0)]), [2]);
    expect(h.softmax(0)).toMatchObject({ dtype: 'float32' });
    expect(h.softmax(0).toArray()).toEqual([0.5, 0.5]);
  });

  it('refuses integer tensors, a missing dim and an out-of-range dim with TensorOpError', () => {
    expect(() => new Tensor('int64', BigInt64Array.from([1n]), [1]).softmax(0)).toThrow(TensorOpError);
    expect(() => (f32([1, 2], [2]) as unknown as { softmax(): void }).softmax()).toThrow(/dim undefined is out of range/);
    expect(() => f32([1, 2], [1, 2]).softmax(2)).toThrow(/dim 2 is out of range for a tensor of rank 2/);
  });
});

describe('Tensor.topk', () => {
  it('returns the k largest per row, largest first, with int64 indices', () => {
    const t = f32([0.1, 0.7, 0.2, 0.5, 0.3, 0.9], [2, 3]);
    const { values, indices } = t.topk(2, 1);
    expect(values.dims).toEqual([2, 2]);
    expect(values.tolist()).toEqual([
      [Math.fround(0.7), Math.fround(0.2)],
      [Math.fround(0.9), Math.fround(0.5)],
    ]);
    expect(indices.dtype).toBe('int64');
    expect(indices.tolist()).toEqual([
      [1, 2],
      [2, 0],
    ]);
  });

  it('works along dim 0, keeps the dtype, breaks ties by index and ranks NaN highest', () => {
    const t = new Tensor('int32', Int32Array.from([5, 1, 5, 7]), [2, 2]);
    const { values, indices } = t.topk(1, 0);
    expect(values.dtype).toBe('int32');
    expect(values.tolist()).toEqual([[5, 7]]);
    expect(indices.tolist()).toEqual([[0, 1]]);
    expect(f32([1, 1, 1], [3]).topk(3).indices.tolist()).toEqual([0, 1, 2]);
    expect(f32([1, Number.NaN, 2], [3]).topk(1).indices.tolist()).toEqual([1]);
  });

  it('refuses k outside [0, size] with TensorOpError', () => {
    expect(() => f32([1, 2], [2]).topk(3)).toThrow(TensorOpError);
    expect(() => f32([1, 2], [2]).topk(1.5)).toThrow(/k = 1.5 is out of range/);
  });
});

describe('Tensor.tolist / toArray', () => {
  it('nests by dims; 0-d gives the value; bool gives booleans; int64 becomes numbers', () => {
    expect(f32([1, 2, 3, 4, 5, 6], [2, 1, 3]).tolist()).toEqual([[[1, 2, 3]], [[4, 5, 6]]]);
    expect(f32([7], []).tolist()).toBe(7);
    expect(new Tensor('bool', Uint8Array.from([1, 0]), [2]).tolist()).toEqual([true, false]);
    expect(new Tensor('int64', BigInt64Array.from([3n, -4n]), [2]).toArray()).toEqual([3, -4]);
  });

  it('refuses int64 values JavaScript numbers cannot hold exactly', () => {
    expect(() => new Tensor('int64', BigInt64Array.from([2n ** 60n]), [1]).tolist()).toThrow(TensorOpError);
  });
});

describe('cosineSimilarity', () => {
  it('gives the all-pairs matrix of row cosines (independent: hand-computed angles)', () => {
    const a = f32([1, 0, 0, 2], [2, 2]);
    const b = f32([3, 3, 0, -1, 0, 0], [3, 2]);
    const s = cosineSimilarity(a, b);
    expect(s.dims).toEqual([2, 3]);
    const expected = [Math.SQRT1_2, 0, 0, Math.SQRT1_2, -1, 0];
    s.toArray().forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i], 6);
    });
  });

  it('treats a 1-D input as one row and refuses mismatched widths', () => {
    expect(cosineSimilarity(f32([1, 1], [2]), f32([2, 2], [2])).tolist()).toEqual([[1]]);
    expect(() => cosineSimilarity(f32([1, 1], [2]), f32([1, 1, 1], [3]))).toThrow(TensorOpError);
  });
});
