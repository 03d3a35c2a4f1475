import { Tensor } from '../tensor/Tensor.js';

/** `logits_per_text = exp(logit_scale) · text · imageᵀ` and its transpose `logits_per_image`. */
export function similarityLogits(
  textEmbeds: Tensor<'float32'>,
  imageEmbeds: Tensor<'float32'>,
  logitScale: number,
): { logitsPerText: Tensor<'float32'>; logitsPerImage: Tensor<'float32'> } {
  const [nText, dim] = textEmbeds.dims;
  const [nImage, imageDim] = imageEmbeds.dims;
  if (dim !== imageDim) throw new RangeError(`text embeddings have ${dim} features but image embeddings ${imageDim}`);
  const scale = Math.exp(logitScale);
  const perText = new Float32Array(nText * nImage);
  const perImage = new Float32Array(nImage * nText);
  for (let t = 0; t < nText; t++) {
    for (let i = 0; i < nImage; i++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += textEmbeds.data[t * dim + k] * imageEmbeds.data[i * dim + k];
      perText[t * nImage + i] = perImage[i * nText + t] = dot * scale;
    }
  }
  return { logitsPerText: new Tensor('float32', perText, [nText, nImage]), logitsPerImage: new Tensor('float32', perImage, [nImage, nText]) };
}
