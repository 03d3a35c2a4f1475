import type { Tensor } from '@altclip/core';
import type { OrtTensor } from './OrtModule.js';
import { MissingOutputsError } from './SessionPair.js';
import { fromOrtFloat32 } from './tensorConversion.js';

/** `prefix0`, `prefix1`, … in order, as core tensors; errors when the model lacks them. */
export function collectLayerOutputs(results: Record<string, OrtTensor>, prefix: string, count: number, what: string): Tensor<'float32'>[] {
  const out: Tensor<'float32'>[] = [];
  for (let k = 0; k < count; k++) {
    const name = `${prefix}${k}`;
    if (!results[name]) throw new MissingOutputsError(`the ONNX model has no output "${name}": ${what} were requested but this model does not provide them`);
    out.push(fromOrtFloat32(results[name], name));
  }
  return out;
}
