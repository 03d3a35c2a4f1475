import { Tensor, toFloat32 } from '@altclip/core';
import { Int8Simulation } from '@altclip/core/parity';
import { describe, expect, it } from 'vitest';
import { q4Scheme } from './q4Scheme.js';
import { dequantizeInt4Blocks, quantizeInt4Blocks } from './quantizeInt4Blocks.js';

const rows = 3;
const cols = 37; // not a multiple of the block: the last block is padded
const data = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 5)) - 0.3);

describe('quantizeInt4Blocks', () => {
  it('packs two values a byte, low nibble first, symmetric around the default zero point 8', () => {
    // One block [7, −8·(7/8)... ]: max|w| = 7 → scale 1; 3 → 11, −2 → 6.
    const q = quantizeInt4Blocks(Float32Array.from([3, -2, 7, 0]), 1, 4, 4, false);
    expect(Array.from(q.scales)).toEqual([1]);
    expect(Array.from(q.packed)).toEqual([11 | (6 << 4), 15 | (8 << 4)]);
    expect(q.zeroPoints).toBeUndefined();
  });

  it.each([false, true])('dequantises to what core simulates for the declared scheme (zero points: %s)', (asymmetric) => {
    const q = quantizeInt4Blocks(data, rows, cols, 32, asymmetric);
    expect(q.blocksPerRow).toBe(2);
    expect(q.packed.length).toBe(rows * 2 * 16);
    const ours = dequantizeInt4Blocks(q, rows, cols, 32);
    const name = 'encoder.layers.0.mlp.fc1.weight';
    const simulated = toFloat32(new Int8Simulation(q4Scheme(asymmetric), 'round').weights(new Map([[name, new Tensor('float32', data, [rows, cols])]])).get(name)!).data;
    // Exactly equal (=== : the simulation's −0 is the stored +0).
    for (let i = 0; i < ours.length; i++) expect(ours[i] === simulated[i], `element ${i}: ${ours[i]} vs ${simulated[i]}`).toBe(true);
    // and the error stays within half a step of each block
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) expect(Math.abs(ours[r * cols + c] - data[r * cols + c])).toBeLessThanOrEqual(q.scales[r * 2 + Math.floor(c / 32)] / 2 + 1e-6);
    }
  });

  // q4's text tables (textTowerGraph's int4Embedding): the same blocks along the hidden axis, symmetric
  // even when the Linear weights have zero points (q4Scheme's embeddingTableGrid).
  it.each([false, true])('stores the word table in blocks that dequantise to what core simulates (Linear zero points: %s)', (zeroPoints) => {
    const name = 'roberta.embeddings.word_embeddings.weight';
    const scheme = q4Scheme(zeroPoints);
    expect(scheme.embeddingTables).toContain(name);
    expect(scheme.embeddingTableGrid).toBe('int4-block-symmetric');
    const q = quantizeInt4Blocks(data, rows, cols, scheme.blockSize!, false);
    const ours = dequantizeInt4Blocks(q, rows, cols, scheme.blockSize!);
    const simulated = toFloat32(new Int8Simulation(scheme, 'round').weights(new Map([[name, new Tensor('float32', data, [rows, cols])]])).get(name)!).data;
    // Exactly equal (=== : the simulation's −0 is the stored +0).
    for (let i = 0; i < ours.length; i++) expect(ours[i] === simulated[i], `element ${i}: ${ours[i]} vs ${simulated[i]}`).toBe(true);
    // With float tables (--target webgpu) nothing is declared for them.
    expect(q4Scheme(zeroPoints, true).embeddingTables).toEqual([]);
  });
});
