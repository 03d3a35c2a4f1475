import type { Int8Scheme } from '@altclip/core';
import { INT8_SCHEME } from './int8Scheme.js';

/** Block size of dtype q4 (ORT MatMulNBits' `block_size`). */
export const Q4_BLOCK_SIZE = 32;

/**
 * What `dtype: 'q4'` rounds, declared to core (capabilities.q4) so that core's int8 error model
 * bounds it, and read by the graph builders: every Linear weight 4-bit in blocks of 32 input features
 * per output channel (com.microsoft.MatMulNBits, float activations — accuracy_level 0), symmetric
 * (ORT's default zero point 8) or with per-block zero points; the text tower's word and position
 * tables as in int8 (int8 rows; float32 with `floatTables`, for WebGPU); everything else float32.
 */
export function q4Scheme(zeroPoints = false, floatTables = false): Int8Scheme {
  return {
    linearWeights: zeroPoints ? 'int4-block-asymmetric' : 'int4-block-symmetric',
    blockSize: Q4_BLOCK_SIZE,
    // float tables for the WebGPU EP, whose Gather on an int8 table returns wrong rows (int8Support.ts).
    embeddingTables: floatTables ? [] : INT8_SCHEME.embeddingTables,
    linearInputs: 'float',
  };
}
