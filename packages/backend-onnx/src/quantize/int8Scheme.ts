import type { Int8Scheme } from '@altclip/core';

/**
 * What `dtype: 'int8'` rounds, declared to core (capabilities.int8) so that the parity suite can
 * bound its error, and read by the graph builders so that the declaration cannot drift from the
 * graph: per-output-channel int8 Linear weights, int8 rows for the text tower's two large tables
 * (token types stay float32), and ORT's DynamicQuantizeMatMul, which quantises each Linear's whole
 * input tensor to one uint8 grid per call.
 */
export const INT8_SCHEME: Int8Scheme = {
  linearWeights: 'int8-per-output-channel',
  embeddingTables: ['roberta.embeddings.word_embeddings.weight', 'roberta.embeddings.position_embeddings.weight'],
  linearInputs: 'uint8-per-tensor',
};
