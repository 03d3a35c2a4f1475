/**
 * What a backend's `int8` dtype rounds. int8 is a different model from the checkpoint (its
 * weights and activations sit on an 8-bit grid), so no fixed tolerance table can say how far
 * it may land from the float oracle: that depends on the grid and on how sensitive the model
 * is. A backend declares its grid here and core predicts the error it costs from it
 * (`int8ErrorBounds` in `@altclip/core/parity`), by running the float64 reference with
 * rounding-sized noise in exactly these places.
 */
export interface Int8Scheme {
  /**
   * Every nn.Linear weight ([out, in]) is symmetric int8 with one scale per output channel:
   * scale = max|w_row| / 127, value = round(w / scale) · scale.
   */
  readonly linearWeights: 'int8-per-output-channel' | 'int4-block-symmetric' | 'int4-block-asymmetric';
  /**
   * For the int4 schemes (dtype q4): each output channel's weights in blocks of `blockSize` input
   * features (the last block may be shorter), one grid per block. Symmetric: scale = max|w| / 7,
   * value = clamp(round(w / scale), −8, 7) · scale. Asymmetric (with zero points): scale =
   * (max − min) / 15 over the block with 0 included, zero point = round(−min / scale), value =
   * (clamp(round(w / scale) + zp, 0, 15) − zp) · scale.
   */
  readonly blockSize?: number;
  /** Embedding tables (TowerWeights names) stored on the `embeddingTableGrid` grid. */
  readonly embeddingTables: readonly string[];
  /**
   * The grid of the listed embedding tables. `int8-per-row` (default): symmetric int8, one scale per
   * row (scale = max|row| / 127). `int4-block-symmetric` (dtype q4): each row in blocks of `blockSize`
   * hidden features, one symmetric 4-bit grid per block, exactly as `int4-block-symmetric` Linear
   * weights (scale = max|w| / 7 in float32, value = clamp(round(w / scale), −8, 7) · scale).
   */
  readonly embeddingTableGrid?: 'int8-per-row' | 'int4-block-symmetric';
  /**
   * How each Linear's input is rounded at run time. `uint8-per-tensor` is ONNX's
   * DynamicQuantizeLinear: one asymmetric uint8 grid for the whole input tensor (every row
   * of the batch), range widened to include 0, scale = (max − min) / 255. `int8-per-row`: a
   * symmetric grid per row (token), scale = max|x_row| / 127, so that no row depends on another
   * row of the batch. `float`: not rounded.
   */
  readonly linearInputs: 'uint8-per-tensor' | 'int8-per-row' | 'float';
}
