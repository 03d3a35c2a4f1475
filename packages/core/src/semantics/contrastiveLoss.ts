import { InputValidationError } from '../errors/InputValidationError.js';
import { Tensor } from '../tensor/Tensor.js';

/**
 * HF's `clip_loss`: the mean of the text→image and image→text cross-entropies
 * with the diagonal as targets. Like torch, it needs as many texts as images.
 */
export function contrastiveLoss(logitsPerText: Tensor<'float32'>): Tensor<'float32'> {
  const [rows, cols] = logitsPerText.dims;
  if (rows !== cols) {
    throw new InputValidationError(
      `returnLoss: the contrastive loss pairs text i with image i, so it needs as many texts as images; got ${rows} texts and ${cols} images (torch raises an IndexError / target out of bounds here)`,
    );
  }
  const at = (r: number, c: number) => logitsPerText.data[r * cols + c];
  const crossEntropy = (transpose: boolean) => {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < cols; c++) max = Math.max(max, transpose ? at(c, r) : at(r, c));
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += Math.exp((transpose ? at(c, r) : at(r, c)) - max);
      total += max + Math.log(sum) - (transpose ? at(r, r) : at(r, r));
    }
    return total / rows;
  };
  return new Tensor('float32', new Float32Array([(crossEntropy(false) + crossEntropy(true)) / 2]), []);
}
