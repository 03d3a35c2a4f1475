import type { Int8Scheme } from '@altclip/core';

/**
 * How int8 graphs quantise each Linear's input at run time. 'per-tensor' (default): ORT's fused
 * DynamicQuantizeMatMul, one uint8 grid for the whole input — fastest, but an embedding then depends
 * slightly on the rest of the batch. 'per-row': one symmetric int8 grid per token (QuantizeLinear
 * along the rows + MatMulIntegerToFloat), so each text or image gets the same embedding in any batch.
 */
export type Int8Activations = 'per-tensor' | 'per-row';

const EMBEDDING_TABLES = ['roberta.embeddings.word_embeddings.weight', 'roberta.embeddings.position_embeddings.weight'];

/**
 * What `dtype: 'int8'` rounds, declared to core (capabilities.int8) so that the parity suite can
 * bound its error, and read by the graph builders so that the declaration cannot drift from the
 * graph: per-output-channel int8 Linear weights, int8 rows for the text tower's two large tables
 * (token types stay float32), and each Linear's input rounded as `activations` says.
 */
export function int8Scheme(activations: Int8Activations = 'per-tensor'): Int8Scheme {
  return {
    linearWeights: 'int8-per-output-channel',
    embeddingTables: EMBEDDING_TABLES,
    linearInputs: activations === 'per-row' ? 'int8-per-row' : 'uint8-per-tensor',
  };
}

/** The default scheme (per-tensor activations). */
export const INT8_SCHEME: Int8Scheme = int8Scheme();
