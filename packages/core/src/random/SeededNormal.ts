/**
 * Seeded normal samples (mulberry32 uniform + Box–Muller) so that `fromConfig`
 * is reproducible in every environment. It is not torch's generator: the same
 * seed does not give PyTorch's numbers, only the same distribution.
 */
export class SeededNormal {
  #state: number;
  #spare: number | undefined;

  constructor(seed = 0) {
    this.#state = seed >>> 0;
  }

  uniform(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  normal(mean = 0, std = 1): number {
    if (this.#spare !== undefined) {
      const z = this.#spare;
      this.#spare = undefined;
      return mean + std * z;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.#spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }
}
