/**
 * A float32 NCHW batch, structurally the same as `@altclip/core`'s `Tensor<'float32'>` (`{dtype, dims, data}`)
 * so it can be passed to a model without this package depending on core.
 */
export interface PixelValues {
  readonly dtype: 'float32';
  readonly dims: readonly [number, number, number, number];
  readonly data: Float32Array;
}
