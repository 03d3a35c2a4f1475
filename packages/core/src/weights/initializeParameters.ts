import { SeededNormal } from '../random/SeededNormal.js';
import { Tensor } from '../tensor/Tensor.js';
import type { ParameterSpec } from './ParameterSpec.js';

/** Draws float32 tensors for the given parameters following their HF init rule. */
export function initializeParameters(specs: readonly ParameterSpec[], seed = 0): Map<string, Tensor<'float32'>> {
  const random = new SeededNormal(seed);
  const out = new Map<string, Tensor<'float32'>>();
  for (const spec of specs) out.set(spec.name, initializeParameter(spec, random));
  return out;
}

export function initializeParameter(spec: ParameterSpec, random: SeededNormal): Tensor<'float32'> {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  const init = spec.init;
  switch (init.kind) {
    case 'ones':
      data.fill(1);
      break;
    case 'zeros':
      break;
    case 'constant':
      data.fill(init.value);
      break;
    case 'normal': {
      for (let i = 0; i < size; i++) data[i] = random.normal(0, init.std);
      const row = init.zeroRow;
      if (row !== undefined && row !== null && row >= 0 && row < spec.shape[0]) {
        const width = size / spec.shape[0];
        data.fill(0, row * width, (row + 1) * width);
      }
      break;
    }
  }
  return new Tensor('float32', data, spec.shape);
}
