import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, expect, it } from 'vitest';
import { embeddingIndices, embeddingLookup, HALF_EXACT_ROWS } from './EmbeddingTable.js';

beforeAll(() => tf.setBackend('cpu'));

it('a blocked table returns the same rows as a plain one, across block edges', () => {
  const rows = 2 * HALF_EXACT_ROWS + 5;
  const hidden = 3;
  const data = Float32Array.from({ length: rows * hidden }, (_, i) => i);
  const blocks = Math.ceil(rows / HALF_EXACT_ROWS);
  const padded = new Float32Array(blocks * HALF_EXACT_ROWS * hidden);
  padded.set(data);
  const ids = Int32Array.from([0, 1, 2047, 2048, 2049, 4095, 4096, rows - 1]);
  const [plain, blocked] = tf.tidy(() => [
    embeddingLookup({ table: tf.tensor2d(data, [rows, hidden]), blocked: false }, embeddingIndices(ids, 2, 4, false)).arraySync(),
    embeddingLookup({ table: tf.tensor3d(padded, [blocks, HALF_EXACT_ROWS, hidden]), blocked: true }, embeddingIndices(ids, 2, 4, true)).arraySync(),
  ]);
  expect(blocked).toEqual(plain);
  expect(plain[1][3]).toEqual([3 * (rows - 1), 3 * (rows - 1) + 1, 3 * (rows - 1) + 2]);
});
