/** `word[id] + tokenType[type] + position[pos]` per token, float32 rounding after each add like PyTorch. */
export function embeddingGatherReference(
  ids: Int32Array,
  typeIds: Int32Array,
  positionIds: Int32Array,
  word: Float32Array,
  tokenType: Float32Array,
  position: Float32Array,
  hidden: number,
): Float32Array {
  const out = new Float32Array(ids.length * hidden);
  for (let t = 0; t < ids.length; t++) {
    for (let c = 0; c < hidden; c++) {
      const v = Math.fround(word[ids[t] * hidden + c] + tokenType[typeIds[t] * hidden + c]);
      out[t * hidden + c] = v + position[positionIds[t] * hidden + c];
    }
  }
  return out;
}
