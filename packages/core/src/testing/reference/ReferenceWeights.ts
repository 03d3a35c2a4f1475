import type { TowerWeights } from '../../backend/AltCLIPBackend.js';
import { toFloat32 } from '../../tensor/toFloat32.js';

/** Tower weights as float64 arrays, looked up by name with a clear error when one is absent. */
export class ReferenceWeights {
  readonly #cache = new Map<string, Float64Array>();

  constructor(
    private readonly weights: TowerWeights,
    private readonly tower: string,
  ) {}

  has(name: string): boolean {
    return this.weights.has(name);
  }

  get(name: string): Float64Array {
    let value = this.#cache.get(name);
    if (!value) {
      const tensor = this.weights.get(name);
      if (!tensor) throw new Error(`reference ${this.tower} tower: weight '${name}' is missing`);
      value = tensor.dtype === 'float64' ? (tensor.data as Float64Array) : Float64Array.from(toFloat32(tensor).data);
      this.#cache.set(name, value);
    }
    return value;
  }
}
