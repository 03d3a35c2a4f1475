/**
 * Unit vectors drawn around `clusters` random centres (a Gaussian mixture, then normalised): image
 * embeddings of a real collection cluster by subject, and ANN indexes are built for that; uniformly random
 * high-dimensional vectors have no neighbourhood structure at all and would measure a case nobody has.
 */
export function syntheticVectors(count: number, dim: number, options: { clusters?: number; spread?: number; seed?: number; pointSeed?: number } = {}): Float32Array {
  const { clusters = 256, spread = 0.6, seed = 1 } = options;
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = gauss();
  // Centres come from `seed`; the points from `pointSeed`, so chunks of one large set share centres.
  if (options.pointSeed !== undefined) s = (options.pointSeed * 2654435761) >>> 0 || 1;
  const out = new Float32Array(count * dim);
  const noise = spread;
  for (let n = 0; n < count; n++) {
    const c = Math.floor(uniform() * clusters) * dim;
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      const v = centres[c + i] + noise * gauss();
      out[n * dim + i] = v;
      norm += v * v;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dim; i++) out[n * dim + i] *= inv;
  }
  return out;
}

/** Fraction of `exact`'s ids found in `approx` (recall@k of one query, k = exact.length). */
export function recallAt(exact: readonly string[], approx: readonly string[]): number {
  const got = new Set(approx);
  return exact.filter((id) => got.has(id)).length / exact.length;
}
