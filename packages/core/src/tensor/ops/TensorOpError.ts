/** A tensor helper (softmax, topk, cosineSimilarity, tolist) was called with an argument it cannot honour. */
export class TensorOpError extends Error {
  override name = 'TensorOpError';
}
