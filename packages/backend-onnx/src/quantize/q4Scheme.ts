import type { Int8Scheme } from '@altclip/core';
import { INT8_SCHEME } from './int8Scheme.js';

/** Block size of dtype q4 (ORT MatMulNBits' `block_size`). */
export const Q4_BLOCK_SIZE = 32;

/**
 * What `dtype: 'q4'` rounds, declared to core (capabilities.q4) so that core's int8 error model
 * bounds it, and read by the graph builders: every Linear weight 4-bit in blocks of 32 input features
 * per output channel (com.microsoft.MatMulNBits, float activations — accuracy_level 0), symmetric
 * (ORT's default zero point 8) or with per-block zero points; the text tower's word and position
 * tables 4-bit too, symmetric, in blocks of 32 along the hidden axis (packed uint8 rows gathered by
 * id and unpacked with standard ONNX ops: graph/int4Embedding.ts; float32 with `floatTables`, for
 * the WebGPU EP, which computes that unpacking wrong: src/web/ortWebgpuInt4Table.browser.test.ts);
 * everything else float32.
 */
export function q4Scheme(zeroPoints = false, floatTables = false): Int8Scheme {
  return {
    linearWeights: zeroPoints ? 'int4-block-asymmetric' : 'int4-block-symmetric',
    blockSize: Q4_BLOCK_SIZE,
    embeddingTables: floatTables ? [] : INT8_SCHEME.embeddingTables,
    // Symmetric even with zero points: a table row's blocks are centred (no bias, unlike ReLU inputs).
    ...(floatTables ? {} : { embeddingTableGrid: 'int4-block-symmetric' as const }),
    linearInputs: 'float',
  };
}
